"""A day as the screening's words write it: 2026-11-02 in English (as the workbook has always
written its screening days), the reader's own way in another language ('2 de noviembre de
2026', '2. November 2026')."""

from __future__ import annotations

from datetime import date

from stretchkit.i18n import current_language
from stretchkit.i18n.formatting import format_day

__all__ = ["day_text"]


def day_text(day: date) -> str:
    """`day` as the current language writes it in a screening's words."""
    return day.isoformat() if current_language() == "en" else format_day(day)
