"""The 'needs attention' list with a way in: each client's row opens their progress."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

import ipywidgets as w

from stretchkit.i18n import _
from stretchkit.progress.attention import Attention, needs_attention
from stretchkit.progress.back_feel import PAIN_THRESHOLD
from stretchkit.services.events import LINKS, ClientEvents
from stretchkit.store.protocol import ProgressStore
from stretchkit.views.attention_html import attention_summary
from stretchkit.views.html_parts import html_list

__all__ = ["AttentionList"]


def _reasons(item: Attention) -> str:
    return html_list(c.text for c in item.concerns)


class AttentionList(w.VBox):  # type: ignore[misc]
    """The clients to look at today and why; pressing a client's name calls `on_open` with
    that client's id (the workbook opens their progress). Given the app's `events`, it is
    recomputed whenever a client changes."""

    def __init__(
        self,
        store: ProgressStore,
        on_open: Callable[[int], None],
        today: Callable[[], date] = date.today,
        events: ClientEvents | None = None,
    ) -> None:
        self.store, self.on_open, self.today = store, on_open, today
        self.summary = w.HTML().add_class("sk-count")
        self.rows = w.VBox().add_class("sk-attention-rows")
        self.title = w.HTML()
        super().__init__([self.title, self.summary, self.rows])
        self.add_class("sk-attention-list")
        self.refresh()
        if events is not None:
            events.subscribe(lambda change: None if change.what in LINKS else self.refresh())

    def refresh(self) -> None:
        """Recompute the list for today."""
        facts = self.store.overview.client_facts(self.today())
        listed = needs_attention(facts, self.today(), pain_threshold=PAIN_THRESHOLD)
        title = _("Needs attention")
        self.title.value = f"<h3>{escape(title)}</h3>"
        self.summary.value = escape(attention_summary(len(listed), len(facts)))
        self.rows.children = [self._row(item) for item in listed]

    def _row(self, item: Attention) -> w.HBox:
        opens = w.Button(
            description=item.name,
            icon="chart-line",
            tooltip=_("Open {name}'s progress").format(name=item.name),
            layout=w.Layout(width="auto", min_width="200px"),
        ).add_class("sk-attention-open")
        opens.on_click(lambda _b: self.on_open(item.client_id))
        return w.HBox([opens, w.HTML(_reasons(item))]).add_class("sk-attention-row")
