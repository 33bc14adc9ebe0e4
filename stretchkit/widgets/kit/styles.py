"""The workbook's look: one stylesheet shared by every stretchkit widget."""

from __future__ import annotations

import ipywidgets as w

__all__ = ["CSS", "style_widget"]

CSS = """
<style>
.sk-root { max-width: 1280px; font-size: 15px; line-height: 1.45; color: #1d1d1d; }
.sk-root .widget-html-content { line-height: 1.45; }
.sk-root .widget-html, .sk-root .widget-html-content { max-width: 100%; min-width: 0; }
.sk-root h2 { margin: 0.2em 0 0.3em; font-size: 1.5em; }
.sk-card h3 { margin: 0.2em 0 0.1em; font-size: 1.35em; }
.sk-card h4 { margin: 0.9em 0 0.25em; font-size: 1.05em; color: #0b4f6c; }
.sk-card ol, .sk-card ul { margin: 0.2em 0 0.2em 1.3em; padding: 0; }
.sk-card li { margin: 0.15em 0; }
.sk-card p { margin: 0.25em 0; }
.sk-tags { color: #0b4f6c; font-weight: 600; }
.sk-source, .sk-muted { color: #555; font-size: 0.92em; }
.sk-prescription { display: inline-flex; flex-direction: column; margin: 0.6em 0 0.2em;
  padding: 0.4em 0.9em; border-radius: 8px; background: #e8f1f5; border: 1px solid #b7d3df; }
.sk-big { font-size: 1.45em; font-weight: 700; color: #0b4f6c; }
.sk-columns { display: flex; flex-wrap: wrap; gap: 0 1.5em; }
.sk-columns > .sk-section { flex: 1 1 260px; }
.sk-caution h4 { color: #8a4b00; }
.sk-exclusion { background: #fdf0e8; border-left: 4px solid #d55e00; padding: 0.1em 0.7em; }
.sk-exclusion h4 { color: #a23c00; }
.sk-table-wrap { overflow-x: auto; max-width: 100%; }
.sk-table { border-collapse: collapse; font-size: 0.92em; }
.sk-table th, .sk-table td { border-bottom: 1px solid #ddd; padding: 0.3em 0.5em;
  text-align: left; vertical-align: top; }
.sk-banner { border-radius: 8px; padding: 0.6em 1em; margin: 0.4em 0; border: 2px solid; }
.sk-banner ul { margin: 0.3em 0 0 1.2em; padding: 0; }
.sk-banner-title { font-size: 1.3em; font-weight: 700; }
.sk-status-cleared { background: #e6f5ef; border-color: #009e73; }
.sk-status-cleared-with-cautions { background: #fdf4e1; border-color: #e69f00; }
.sk-status-needs-clearance { background: #e8f3fb; border-color: #0072b2; }
.sk-status-do-not-stretch { background: #fbe9e1; border-color: #d55e00; }
.sk-status-incomplete { background: #f3f3f3; border-color: #999; }
.sk-refer { font-weight: 600; margin: 0.3em 0; }
.sk-decision-allowed .sk-decision { color: #00734f; font-weight: 600; }
.sk-decision-caution .sk-decision { color: #8a5a00; font-weight: 600; }
.sk-decision-excluded .sk-decision { color: #a23c00; font-weight: 600; }
.sk-decisions ul { margin: 0 0 0 1.1em; padding: 0; }
.sk-form-section h3 { margin: 0.8em 0 0.3em; color: #0b4f6c; }
.sk-saved { color: #00734f; font-weight: 600; }
.sk-count { color: #555; padding: 0.3em 0; }
.sk-error { color: #a23c00; font-weight: 600; }
.sk-filters .widget-dropdown { min-width: 180px; }
img.sk-muscle-map { max-width: 100%; height: auto; }
.sk-timer .sk-phase { font-size: 1.45em; font-weight: 600; text-align: center; margin: 0.2em 0; }
.sk-kind { text-transform: uppercase; letter-spacing: 0.05em; font-size: 0.7em; color: #fff;
  background: #0b4f6c; border-radius: 4px; padding: 0.15em 0.5em; margin-right: 0.4em;
  vertical-align: middle; }
.sk-timer .sk-clock { font-size: 8em; font-weight: 700; line-height: 1.05; text-align: center;
  font-variant-numeric: tabular-nums; border-radius: 14px; padding: 0.05em 0; }
.sk-clock-hold { color: #005a3c; background: #e6f5ef; }
.sk-clock-warm-up, .sk-clock-get-ready { color: #0b4f6c; background: #e8f1f5; }
.sk-clock-release, .sk-clock-rest { color: #3d3d3d; background: #f0f0f0; }
.sk-clock-switch-side { color: #7a4a00; background: #fdf4e1; }
.sk-phase-done .sk-kind { background: #009e73; }
.sk-clock.sk-state-paused { opacity: 0.5; }
.sk-timer .sk-progress { width: 100%; }
.sk-timer > .widget-hprogress, .sk-timer > .sk-pose-view { width: auto !important; }
.sk-time-left { text-align: center; }
.sk-stop-confirm { border: 2px solid #b30000; border-radius: 6px; padding: 0.4em 0.8em; }
.sk-stop-question { font-size: 1.2em; }
.sk-import-file.widget-upload { font-size: 0 !important; width: auto; }
.sk-import-file.widget-upload::after { content: "Choose a CSV file"; font-size: 14px; }
.sk-chosen-file { align-self: center; margin: 0 0.5em; }
.sk-cues { font-size: 1.15em; }
.sk-cues p { margin: 0.3em 0; }
.sk-breathing { color: #0b4f6c; font-style: italic; }
.sk-watch { border-left: 4px solid #e69f00; background: #fdf4e1; padding: 0.3em 0.8em;
  margin: 0.4em 0; }
.sk-watch ul { margin: 0.2em 0 0 1.1em; padding: 0; }
.sk-eased { background: #fdf4e1; border-color: #e69f00; }
.sk-not-ready { background: #fbe9e1; border-color: #d55e00; }
.sk-chart-grid { display: flex; flex-flow: row wrap; gap: 0.5em 2em; align-items: flex-start; }
.sk-chart-grid > .sk-chart-column { flex: 1 1 440px; min-width: 0; max-width: 720px; }
.sk-chart-grid .sk-chart-picture { max-width: 100% !important; }
a.sk-download-button { display: inline-flex; align-items: center; box-sizing: border-box;
  height: var(--jp-widgets-inline-height, 28px); padding: 0 1em; margin: 2px 4px 2px 0;
  border: 1px solid #bdbdbd; border-radius: 2px; background: #eeeeee; color: #1d1d1d;
  text-decoration: none; }
a.sk-download-button:hover { background: #e0e0e0; }
a.sk-download-button:focus-visible { outline: 2px solid #0b4f6c; outline-offset: 1px; }
.sk-hold-log { margin-top: 0.6em; border-top: 1px solid #ddd; padding-top: 0.4em; }
.sk-timer > .sk-hold-log { display: contents; }
.sk-timer > .sk-cues, .sk-timer > .sk-flags, .sk-timer > .sk-watch-box,
.sk-timer > .sk-pose-view, .sk-timer > .sk-next, .sk-timer > .sk-hold-log > *,
.sk-timer > .sk-chime { order: 2; }
.sk-timer .sk-log-entry { border-top: 1px solid #ddd; padding-top: 0.4em; margin-top: 0.4em; }
.sk-timer:not(:has(.sk-phase-title .sk-phase-hold)) > .sk-hold-log > .sk-log-entry {
  order: 1; }
@media (max-height: 820px) and (min-width: 601px) {
  .sk-timer .sk-clock { font-size: 5.5em; }
  .sk-timer .sk-phase { margin: 0; }
}
.sk-ready { color: #00734f; font-weight: 600; }
.sk-item { border: 1px solid #ddd; border-radius: 8px; padding: 0.3em 0.7em; margin: 0.3em 0; }
.sk-rx { font-weight: 700; color: #0b4f6c; margin-left: 0.4em; }
.sk-caution-note { color: #8a4b00; }
.sk-advice { list-style: none; margin: 0.2em 0; padding: 0; }
.sk-advice-advice { color: #8a4b00; }
.sk-target-up .sk-target-s { color: #00734f; font-weight: 700; }
.sk-target-down .sk-target-s { color: #a23c00; font-weight: 700; }
.sk-announce { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.jupyter-button.mod-success { background-color: #2e7d32; color: #fff; }
.jupyter-button.mod-warning { background-color: #a34f00; color: #fff; }
.jupyter-button.mod-info { background-color: #00687a; color: #fff; }
.jupyter-button.mod-danger { background-color: #c62828; color: #fff; }
.jupyter-widget-Collapse-header, .jupyter-widget-Collapse-header span { color: #2b2b2b; }
.sk-targets-box .jupyter-widget-Collapse-header { font-size: 1.12em; font-weight: 700; }
.sk-root input[type="checkbox"], .sk-progress input[type="checkbox"] { width: 24px;
  height: 24px; margin: 0 0.4em 0 0; }
.sk-root :focus-visible, .sk-progress :focus-visible { outline: 3px solid #0b4f6c;
  outline-offset: 2px; }
.sk-feel-scale .widget-toggle-button, .sk-sensation .widget-toggle-button { min-width: 32px;
  min-height: 32px; padding: 0 0.2em; text-overflow: clip; }
.sk-root .widget-checkbox { width: auto; max-width: 100%; height: auto; }
.sk-root .widget-checkbox .widget-label-basic { max-width: 100%; }
.sk-root .widget-checkbox .widget-label-basic span { white-space: normal; overflow: visible;
  text-overflow: clip; line-height: 1.3; }
.sk-calendar .widget-label-basic { display: inline-flex; align-items: center; max-width: 100%; }
.sk-calendar .widget-label-basic span { white-space: normal; overflow: visible;
  text-overflow: clip; line-height: 1.3; }
.sk-calendar .widget-checkbox { height: auto; }
.sk-calendar .widget-combobox, .sk-calendar .widget-dropdown { max-width: 100%; }
.sk-calendar .widget-combobox input, .sk-calendar .widget-dropdown select { min-width: 0; }
.sk-screening-form .widget-checkbox { width: auto; max-width: 100%; height: auto;
  align-items: center; }
.sk-save-row { gap: 0.3em 0.8em; }
.sk-save-row > .jupyter-button { flex: 0 0 auto; }
.sk-save-row > .widget-html { flex: 1 1 260px; }
.sk-screening-form .widget-checkbox .widget-label-basic, .sk-screening-form .widget-label {
  max-width: 100%; }
.sk-screening-form .widget-checkbox .widget-label-basic span { white-space: normal;
  overflow: visible; text-overflow: clip; line-height: 1.3; }
.sk-screening-form .widget-dropdown, .sk-screening-form .widget-text { max-width: 100%; }
.sk-screening-form .widget-dropdown select { min-width: 0; text-overflow: ellipsis; }
.sk-status-icon { vertical-align: -0.15em; }
.sk-carried { margin-left: 0.8em; padding: 0 0.5em; border-radius: 6px; background: #fdf4e1;
  border: 1px solid #e69f00; gap: 0 0.6em; }
.sk-carried.sk-carried-done { background: #e6f5ef; border-color: #009e73; }
.sk-carried-text { color: #5c3c00; font-size: 0.92em; }
.sk-carried-done .sk-carried-text { color: #005a3c; }
.sk-carried-intro { border-left: 4px solid #e69f00; background: #fdf4e1; padding: 0.3em 0.8em;
  margin: 0.5em 0; }
.sk-no-injury { color: #555; font-style: italic; }
.sk-reasons { margin: 0.2em 0 0 1.4em; padding: 0; }
.sk-reasons li { margin: 0.35em 0; }
.sk-applies-to { color: #333; font-size: 0.92em; }
.sk-history ul { margin: 0 0 0 1.1em; padding: 0; }
.sk-dash-progress, .sk-guidance-panel, .sk-chart { overflow: visible; }
.sk-link-share { display: grid; grid-template-columns: minmax(0, 1fr) auto;
  grid-template-rows: auto 1fr; gap: 0.6em 1.5em; align-items: start; max-width: 100%; }
.sk-links .sk-link-new { max-width: 100%; }
.sk-link-create-row { flex-wrap: wrap; gap: 0.3em 0; }
.sk-link-create-row > .jupyter-button { flex: 0 0 auto; }
.sk-links .sk-link-new input { min-width: 0; }
.sk-link-reach { grid-column: 1; border-left: 4px solid #0072b2; background: #e8f3fb;
  padding: 0.3em 0.8em; }
.sk-link-reach.sk-reach-this-computer { border-color: #d55e00; background: #fbe9e1; }
.sk-link-reach.sk-reach-anywhere { border-color: #009e73; background: #e6f5ef; }
.sk-link-reach ul { margin: 0.2em 0 0.2em 1.1em; padding: 0; }
.sk-link-reach code { white-space: normal; overflow-wrap: anywhere; }
.sk-link-copy-row { grid-column: 1; display: flex; flex-wrap: wrap; align-items: center;
  gap: 0.3em 0.8em; }
.sk-link-copy { min-height: 32px; padding: 0 1em; }
.sk-link-copied { color: #00734f; font-weight: 600; }
.sk-link-qr { grid-column: 2; grid-row: 1 / span 2; margin: 0; text-align: center;
  max-width: 240px; }
.sk-link-qr svg { display: block; width: 220px; max-width: 100%; height: auto;
  margin: 0 auto; }
.sk-link-qr figcaption { font-size: 0.92em; color: #555; }
.sk-link-new input { font-family: monospace; }
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important;
    scroll-behavior: auto !important; }
}
@media (max-width: 600px) {
  .sk-timer:has(.sk-phase-title .sk-phase-get-ready) > :is(.sk-cues, .sk-flags,
    .sk-watch-box, .sk-next, .sk-chime),
  .sk-timer:has(.sk-phase-title .sk-phase-get-ready) > .sk-hold-log > :not(.sk-log-entry) {
    order: 3; }
  .sk-root { font-size: 14px; }
  .sk-timer .sk-clock { font-size: 5.5em; }
  .sk-table thead { display: none; }
  .sk-table, .sk-table tbody, .sk-table tr, .sk-table td { display: block; width: auto; }
  .sk-table tr { border-bottom: 1px solid #ddd; padding: 0.3em 0; }
  .sk-table td { border: none; padding: 0.1em 0.3em; }
  .sk-table td:first-child { font-weight: 600; }
  .sk-link-share { grid-template-columns: minmax(0, 1fr); grid-template-rows: none; }
  .sk-link-qr { grid-column: 1; grid-row: auto; justify-self: center; }
  .sk-table td[data-label]:not(:empty)::before { content: attr(data-label) ": "; color: #555; }
}
</style>
"""


def style_widget() -> w.HTML:
    """An (invisible) HTML widget carrying the stylesheet; put it once in each view."""
    return w.HTML(CSS, layout=w.Layout(height="0px", margin="0"))
