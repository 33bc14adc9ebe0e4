"""Screen-reader announcements for widget views: the outer box of every widget with the class
`sk-live` becomes a polite live region, so a screen reader reads out what is put in it (the
timer's phase changes) and nothing else (never the countdown's every second).

ipywidgets replaces an HTML widget's content on every change, and a live region only works
when it was already in the page before its text changed: the small script below marks the
widget's lasting outer box. The dashboard's page template carries it; a workbook notebook
shows it once with `live_regions()`.
"""

from __future__ import annotations

from IPython.core.display import HTML

__all__ = ["LIVE_REGIONS_JS", "live_regions"]

LIVE_REGIONS_JS = """<script>
(function () {
  if (window.stretchkitLiveRegions) { return; }
  window.stretchkitLiveRegions = true;
  function mark(root) {
    root.querySelectorAll(".sk-live:not([aria-live])").forEach(function (box) {
      box.setAttribute("aria-live", "polite");
      box.setAttribute("aria-atomic", "true");
      box.setAttribute("role", "status");
    });
  }
  new MutationObserver(function () { mark(document); })
    .observe(document.documentElement, {childList: true, subtree: true});
  mark(document);
})();
</script>"""


def live_regions() -> HTML:
    """The script as a notebook output (display it once, in the notebook with the timer)."""
    return HTML(LIVE_REGIONS_JS)  # type: ignore[no-untyped-call]
