"""The client dashboard's look on top of the workbook stylesheet: one column, phone first,
large tap targets."""

from __future__ import annotations

import ipywidgets as w

__all__ = ["DASHBOARD_CSS", "dashboard_style"]

DASHBOARD_CSS = """
<style>
.sk-dash { max-width: 680px; margin: 0 auto; font-size: 16px; }
.sk-dash h2.sk-dash-name { font-size: 1.6em; margin: 0.3em 0 0.2em; color: #0b4f6c; }
.sk-dash h3 { margin: 1em 0 0.3em; font-size: 1.25em; color: #0b4f6c; }
.sk-dash h4 { margin: 0.8em 0 0.2em; }
.sk-dash p { margin: 0.3em 0; }
.sk-dash-notes { background: #f4f4f4; border-radius: 8px; padding: 0.5em 0.8em; }
.sk-dash-status { font-size: 1.05em; }
.sk-dash-next { font-size: 1.15em; font-weight: 600; }
.sk-dash .jupyter-button { height: auto; min-height: 44px; font-size: 1em; padding: 0.3em 1em; }
.sk-dash .sk-timer .widget-button { padding: 0.3em 0.8em; }
.sk-dash .widget-button:not(.mod-success):not(.mod-danger):not(.mod-warning):not(.mod-info)
  { background: #fff; color: #0b4f6c; border: 2px solid #0b4f6c; }
.sk-dash .widget-button:disabled { opacity: 0.45; }
.sk-dash .widget-button:not(.mod-success):not(.mod-danger):not(.mod-warning):not(.mod-info)
  :disabled { border-color: #767676; color: #555; }
.sk-dash .jupyter-widget-Collapse-header { white-space: normal; line-height: 1.3;
  padding: 0.6em 0.8em; background: #fff; border: 2px solid #0b4f6c; border-radius: 8px;
  cursor: pointer; }
.sk-dash .jupyter-widget-Collapse-header, .sk-dash .jupyter-widget-Collapse-header span
  { color: #0b4f6c; }
.sk-dash .jupyter-widget-Collapse-open > .jupyter-widget-Collapse-header
  { background: #e8f1f5; border-radius: 8px 8px 0 0; }
.sk-dash .widget-image { max-width: 100%; }
.sk-something-wrong, .sk-symptom-send { white-space: normal; max-width: 100%;
  overflow: visible; text-overflow: clip; height: auto; text-align: left; }
.sk-dash .sk-symptom-detail { flex-direction: column; align-items: stretch;
  max-width: 100%; box-sizing: border-box; margin-left: 0; margin-right: 0; }
.sk-dash .sk-symptom-detail .widget-label { max-width: 100%; text-align: left; }
.sk-dash .sk-symptom-detail input { min-width: 0; width: 100%; box-sizing: border-box; }
.sk-dash .sk-sensation .widget-toggle-button { padding: 0 0.2em; }
.sk-dash .sk-columns > .sk-section { flex: 1 1 220px; }
.sk-dash-footer { margin-top: 1.5em; }
.sk-dash.sk-first-view { font-family: var(--jp-ui-font-family, system-ui, -apple-system,
  "Segoe UI", Helvetica, Arial, sans-serif); font-size: var(--jp-widgets-font-size, 13px);
  line-height: 1.45; padding: 0 2px; }
.sk-first-view img { display: block; margin: 0.4em 0; }
.sk-first-view-wait { min-height: 40px; border-radius: 4px; background: #e8e8e8; color: #555;
  display: flex; align-items: center; justify-content: center; margin: 0.4em 0; }
.sk-not-valid { max-width: 480px; margin: 3em auto; text-align: center; }
.sk-not-valid h2 { color: #0b4f6c; }
@media (max-width: 600px) {
  .sk-dash { font-size: 15px; }
  .sk-dash .sk-timer .sk-clock { font-size: 5em; }
}
</style>
"""


def dashboard_style() -> w.HTML:
    """An invisible HTML widget carrying the dashboard stylesheet."""
    return w.HTML(DASHBOARD_CSS, layout=w.Layout(height="0px", margin="0"))
