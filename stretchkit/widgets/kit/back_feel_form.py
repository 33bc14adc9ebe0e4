"""How the back feels right now: stiffness and pain, each tapped on a 0-10 scale. Shown
before a session starts (studio and home) and once a week on the client's dashboard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import ipywidgets as w

from stretchkit.errors import StretchkitError
from stretchkit.i18n import N_, _
from stretchkit.planning.read_back import error_said
from stretchkit.progress.back_feel import RATING_SCALE, BackRating, RatingPlace
from stretchkit.services.events import ClientEvents
from stretchkit.services.progress_records import record_back_rating
from stretchkit.store.protocol import ProgressStore
from stretchkit.views.html_parts import error_html
from stretchkit.widgets.kit.form_kit import FormKit
from stretchkit.widgets.kit.panel import button

__all__ = ["BackFeelForm"]

_ASK = {
    "stiffness": N_("How stiff is your back right now?"),
    "pain": N_("How much does your back hurt right now?"),
}
_SCALE = N_("0 not at all, 10 the worst you can imagine")
_TIPS = {"stiffness": N_("Stiffness {n} of 10"), "pain": N_("Pain {n} of 10")}


def _scale(measure: str) -> w.ToggleButtons:
    buttons = w.ToggleButtons(
        options=[(str(n), n) for n in RATING_SCALE],
        value=None,
        tooltips=[_(_TIPS[measure]).format(n=n) for n in RATING_SCALE],
        style={"button_width": "3.2em"},
    )
    return buttons.add_class("sk-feel-scale").add_class(f"sk-feel-{measure}")


class BackFeelForm(w.VBox):  # type: ignore[misc]
    """Two 0-10 scales; with `on_saved`, a Save button that stores the rating at once, unless
    `still_valid()` says the dashboard's link was revoked meanwhile."""

    def __init__(
        self,
        store: ProgressStore,
        client_id: int,
        place: RatingPlace,
        *,
        intro: str,
        on_saved: Callable[[BackRating], None] | None = None,
        now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
        still_valid: Callable[[], bool] = lambda: True,
        events: ClientEvents | None = None,
    ) -> None:
        self.store, self.client_id, self.place, self.now = store, client_id, place, now
        self.still_valid, self.events = still_valid, events
        self.on_saved = on_saved
        self.form = FormKit()
        self.stiffness = self.form.add("stiffness", _scale("stiffness"))
        self.pain = self.form.add("pain", _scale("pain"))
        self.message = w.HTML().add_class("sk-feel-message")
        scale = _(_SCALE)
        parts: list[w.Widget] = [w.HTML(f"<p>{intro} <span class='sk-muted'>({scale})</span></p>")]
        for measure, field in self.form.fields.items():
            parts += [w.HTML(f"<b>{_(_ASK[measure])}</b>"), field.widget]
        if on_saved is not None:
            parts.append(button(_("Save"), "check", "sk-feel-save", self.save, "success"))
        super().__init__([*parts, self.message])
        self.add_class("sk-feel-form")

    @property
    def rated(self) -> bool:
        """True once both scales have a value."""
        return None not in self.form.read().values()

    def rating(self) -> BackRating | None:
        """The rating as tapped now, or None while a scale has no value."""
        if not self.rated:
            return None
        return BackRating(self.now(), self.stiffness.value, self.pain.value, self.place)

    def record(self, session_id: int | None = None) -> BackRating | None:
        """Store the rating (at the start of `session_id`, if given); None when not rated."""
        rating = self.rating()
        if rating is not None:
            record_back_rating(
                self.store,
                self.client_id,
                rating,
                session_id,
                link_valid=self.still_valid,
                events=self.events,
            )
        return rating

    def save(self) -> None:
        """Save button: store it, thank the client, or say what is missing or went wrong."""
        if not self.rated:
            self.message.value = error_html(_("Tap a number on both scales first."))
            return
        try:
            rating = self.record()
        except StretchkitError as e:
            self.message.value = error_html(error_said(e))
            return
        self.message.value = '<p class="sk-saved">Thank you: saved.</p>'
        if rating is not None and self.on_saved is not None:
            self.on_saved(rating)
