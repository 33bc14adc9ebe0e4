"""axe-core (through axe-playwright-python) on a page of the browser tests' Chromium, with
the WCAG 2.0, 2.1 and 2.2 level A and AA rules, target size (off by default in axe) on."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from axe_playwright_python.sync_playwright import Axe

from tests.conftest import ARTIFACTS

if TYPE_CHECKING:
    from playwright.sync_api import Page

__all__ = ["WCAG_TAGS", "check_accessibility"]

WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
"""WCAG 2.2 level AA, which includes every A and AA rule of 2.0 and 2.1."""
OPTIONS = {
    "runOnly": {"type": "tag", "values": list(WCAG_TAGS)},
    "rules": {"target-size": {"enabled": True}},
    "resultTypes": ["violations"],
}
RULE_COUNTS = ARTIFACTS / "axe-rules.jsonl"
"""One line per page checked: its name, how many rules passed, failed, needed review (and
which) or did not apply."""
_AXE = Axe()


def _described(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines += [f"    {n['target']}: {n['failureSummary']}" for n in v["nodes"][:5]]
    return "\n".join(lines)


def check_accessibility(page: Page, name: str) -> int:
    """Run axe on the page as it is now; fail listing every violation; return how many rules
    were checked (passed, violated or incomplete), also noted in RULE_COUNTS."""
    results = _AXE.run(page, options=OPTIONS).response
    violations = results["violations"]
    counts = {kind: len(results[kind]) for kind in ("passes", "violations", "incomplete")}
    review = sorted(r["id"] for r in results["incomplete"])
    noted = {"page": name, **counts, "inapplicable": len(results["inapplicable"]), "review": review}
    ARTIFACTS.mkdir(exist_ok=True)
    with RULE_COUNTS.open("a", encoding="utf-8") as out:
        out.write(json.dumps(noted) + "\n")
    assert not violations, f"{name}: axe found\n{_described(violations)}"
    return sum(counts.values())
