"""The browser tab's title for the page in use ("Screening - Maria Lopez - stretchkit"): the
words, and the small script that keeps the tab's title equal to the text of the page's
`sk-page-title` element (a hidden widget the app fills as its tab or client changes).

A widget's HTML never runs a script, so the script comes as a notebook output of its own:
`page_title_script()` is displayed once, before the app.
"""

from __future__ import annotations

from IPython.core.display import HTML

__all__ = ["PAGE_TITLE_JS", "page_title", "page_title_script"]

PAGE_TITLE_JS = """<script>
(function () {
  if (window.stretchkitPageTitle) { return; }
  window.stretchkitPageTitle = true;
  function follow() {
    const shown = document.querySelector(".sk-page-title");
    const text = shown ? shown.textContent.trim() : "";
    if (text && document.title !== text) { document.title = text; }
  }
  new MutationObserver(follow).observe(
    document.documentElement, {childList: true, subtree: true, characterData: true}
  );
  follow();
})();
</script>"""


def page_title(screen: str, client_name: str | None = None) -> str:
    """'Screening - Maria Lopez - stretchkit', or 'Clients - stretchkit' with no client."""
    parts = [screen, client_name.strip() if client_name else "", "stretchkit"]
    return " - ".join(p for p in parts if p)


def page_title_script() -> HTML:
    """The script as a notebook output (display it once, before the app)."""
    return HTML(PAGE_TITLE_JS)  # type: ignore[no-untyped-call]
