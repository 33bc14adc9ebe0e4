"""The client's own page speaks to them: "you", never "the stretchee"; no paper named and no
note of where a default comes from; the trainer's screens keep the article's words and the
sources."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

import pytest

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.charts.feel_chart import feel_chart
from stretchkit.planning.prescription import prescribe
from stretchkit.planning.routine import Routine, RoutineItem
from stretchkit.planning.timeline import WARM_UP_PARTNER_OWN, Phase
from stretchkit.progress.back_feel import BackRating, feel_change, feel_weeks
from stretchkit.progress.weekly import DoseGuidance, Progress
from stretchkit.services.timer_view import TimerState, phase_view
from stretchkit.views.client_card_html import client_item_html

STRETCH_IDS = [s.id for s in default_catalog().stretches]
NOT_FOR_THE_CLIENT = ("stretchee", "stretchkit's own suggestion", "Suzuki", "PLoS", "et al.")


def _card(catalog: Catalog, stretch_id: str) -> str:
    rx = prescribe(catalog.stretch(stretch_id), None, catalog)
    return client_item_html(Routine((RoutineItem(rx, "", ()),)), 0, catalog)


@pytest.mark.parametrize("stretch_id", STRETCH_IDS)
def test_every_stretch_card_says_you_and_never_the_stretchee(
    catalog: Catalog, stretch_id: str
) -> None:
    """The client's part begins "You ...", their partner's is "Your partner ...", and the
    steps are said to them: no "stretchee", and no part reads "Sits upright"."""
    card = _card(catalog, stretch_id)
    told = catalog.stretch(stretch_id).to_client
    assert told is not None
    assert told.role.startswith("You ") and told.partner_role.startswith("Your partner ")
    assert "<h4>You</h4><p>You " in card
    assert not any(word in card for word in NOT_FOR_THE_CLIENT)
    assert "Sits upright" not in card
    assert all(escape(step) in card for step in told.steps)


def test_the_trainers_screens_keep_the_articles_own_steps(catalog: Catalog) -> None:
    """The studio timer shows the article's steps; the home timer the steps said to the
    client, and at home the partner's warm-up cue drops its provenance note."""
    stretch = catalog.stretch("seated-thoracic-flexion")
    hold = Phase("get-ready", 10, stretch.name, "Get ready", stretch_id=stretch.id)
    studio = phase_view(TimerState(hold, None, "running", 5, 5, 100, started=True), catalog)
    home = phase_view(
        TimerState(hold, None, "running", 5, 5, 100, place="home", started=True), catalog
    )
    assert studio.steps == stretch.steps and "The stretchee sits upright." in studio.steps
    assert stretch.to_client is not None and home.steps == stretch.to_client.steps
    warm = Phase("warm-up", 300, "Warm up", "Walk", f"Get the space ready. {WARM_UP_PARTNER_OWN}")
    at_home = phase_view(
        TimerState(warm, None, "running", 5, 5, 400, place="home", started=True), catalog
    )
    assert at_home.partner_cue == "Get the space ready."
    in_studio = phase_view(TimerState(warm, None, "running", 5, 5, 400, started=True), catalog)
    assert WARM_UP_PARTNER_OWN in in_studio.partner_cue


def test_the_back_feel_change_names_its_paper_for_the_trainer_only(catalog: Catalog) -> None:
    """The trainer's text names Suzuki et al.; the client's says the same rule with no paper,
    and the client's chart footnote names none either."""
    ratings = [
        BackRating(datetime(2026, 3, 2, 9, tzinfo=UTC), 7, 6),
        BackRating(datetime(2026, 3, 30, 9, tzinfo=UTC), 3, 2),
    ]
    change = feel_change(ratings, "stiffness")
    assert change is not None
    assert "Suzuki et al., PLoS ONE 2020" in change.text
    assert change.client_text.endswith("4 points less (a change of 2 points or more counts).")
    assert not any(word in change.client_text for word in NOT_FOR_THE_CLIENT)
    progress = Progress((), (), DoseGuidance(60, 2, "ACSM"))
    said = [t.get_text() for t in feel_chart(progress, feel_weeks(ratings), cite=False).texts]
    assert said and not any("Suzuki" in t for t in said)
    cited = [t.get_text() for t in feel_chart(progress, feel_weeks(ratings)).texts]
    assert any("Suzuki et al., PLoS ONE 2020" in t for t in cited)
