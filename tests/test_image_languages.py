"""Pictures and charts in the reader's language: the words drawn inside a muscle map, a
stretch's picture and every progress chart are Spanish or German, their dates and numbers
written the language's way, and each language's drawing is kept apart (an English picture
is never served to a German page, and nothing is drawn twice for one language)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from stretchkit.catalog import Catalog
from stretchkit.charts.feel_chart import feel_chart
from stretchkit.charts.muscle_map import muscle_map_figure, stretch_muscle_map_png
from stretchkit.charts.progress_charts import (
    adherence_chart,
    dose_chart,
    hold_chart,
    outcome_chart,
)
from stretchkit.charts.stretch_picture import stretch_picture_figure
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.i18n import use_language
from stretchkit.progress.back_feel import MCID_CITED, BackRating, feel_weeks
from stretchkit.progress.outcomes import Measurement
from stretchkit.services.chart_store import ChartShelf
from stretchkit.store import Store
from stretchkit.widgets.dashboard.dashboard_pictures import InLanguage
from tests.test_progress_charts import MONDAY, _progress

TRANSLATED = ("es", "de")
ENGLISH = re.compile(
    r"\b(the|and|of|with|view|back|front|muscles?|deep|dashed|outline|stretch(?:es|ed)?|"
    r"works|hold|holds|client|partner|contact|force|optional|target|mean|weeks?|sessions?|"
    r"planned|below|met|done|seconds|each|side|left|right|result|rating|points|within|"
    r"measurement|guidance|about|days|none|worst|feels|dose|field|tests?|yet|start)\b",
    re.IGNORECASE,
)
"""English words of the pictures and charts that neither Spanish nor German uses."""
SAME_WORD = {"de": {"Partner", "optional", "Rotation"}, "es": set()}
"""Words a language writes as English does."""
CITED = re.compile("|".join(re.escape(n) for n in ("ACSM", MCID_CITED, "sit-and-reach")), re.I)
"""Cited sources and a field test known by its English name in every language."""


def _texts(fig: Figure) -> list[str]:
    """Every text drawn in the figure, tick labels included (the figure is drawn first)."""
    fig.canvas.draw()
    return [t.get_text() for t in fig.findobj(Text) if t.get_text().strip()]


def _english_left(texts: list[str], language: str) -> list[str]:
    left = []
    for text in texts:
        bare = CITED.sub("", text)
        for word in SAME_WORD[language]:
            bare = bare.replace(word, "")
        if ENGLISH.search(bare):
            left.append(text)
    return left


def _figures(catalog: Catalog) -> Iterator[Figure]:
    """A muscle map, a stretch's picture and every progress chart, with data."""
    stretch = catalog.stretch("seated-thoracic-rotation")
    names = {m.id: m.name for m in catalog.muscles.values()}
    yield muscle_map_figure({t.muscle: t.role for t in stretch.targets}, names=names)
    yield muscle_map_figure({})
    yield stretch_picture_figure(stretch)
    progress = _progress()
    yield hold_chart(progress, catalog)
    yield adherence_chart(progress)
    yield dose_chart(progress)
    measured = [
        Measurement("thoracic-rotation", side, value, MONDAY + timedelta(weeks=weeks))
        for side in ("left", "right")
        for value, weeks in ((40, 0), (47.5, 6))
    ] + [Measurement("sit-and-reach", "", 12.5, MONDAY)]
    yield outcome_chart(measured)
    ratings = [
        BackRating(datetime.combine(MONDAY + timedelta(weeks=n), time(9), UTC), stiffness, pain)
        for n, (stiffness, pain) in enumerate(((6, 4), (5, 3), (4, 3)))
    ]
    yield feel_chart(progress, feel_weeks(ratings))


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_picture_and_chart_draws_its_words_in_the_readers_language(
    catalog: Catalog, language: str
) -> None:
    """No English word is drawn in a Spanish or German picture or chart, but cited sources
    and the names a language shares with English."""
    with use_language(language):
        drawn = [_texts(fig) for fig in _figures(catalog)]
    left = [text for texts in drawn for text in _english_left(texts, language)]
    assert left == []
    with use_language("en"):
        english = [_texts(fig) for fig in _figures(catalog)]
    assert sum(len(_english_left(texts, "de")) for texts in english) > 20  # the test sees English


def test_the_muscle_map_names_muscles_and_sides_as_each_language_does(catalog: Catalog) -> None:
    """Muscle names come from the catalog's translations; the client's sides are 'L'/'R' in
    English and German, 'I'/'D' (izquierda, derecha) in Spanish."""
    names = {m.id: m.name for m in catalog.muscles.values()}
    drawn = {}
    for language in ("en", "es", "de"):
        fig = muscle_map_figure({"erector-spinae": "primary"}, names=names, language=language)
        drawn[language] = _texts(fig)
    assert "Erector spinae" in drawn["en"] and "Rückenstrecker" in drawn["de"]
    assert "Erector spinae" not in drawn["es"] + drawn["de"]
    assert [t for t in drawn["de"] if t in {"L", "R"}] == ["L", "R", "R", "L"]
    assert [t for t in drawn["es"] if t in {"I", "D"}] == ["I", "D", "D", "I"]
    assert not {"L", "R"} & set(drawn["es"])


def test_chart_dates_and_numbers_are_written_the_languages_way(catalog: Catalog) -> None:
    """The date ticks name months as the language abbreviates them (the year under the
    last), and decimals take the language's separator ('47.5', '47,5')."""
    measured = [
        Measurement("thoracic-rotation", "left", value, MONDAY + timedelta(weeks=weeks))
        for value, weeks in ((40, 0), (47.5, 6))
    ]
    ticks = {}
    for language in ("en", "es", "de"):
        with use_language(language):
            fig = outcome_chart(measured)
            fig.canvas.draw()
        (ax,) = fig.axes
        dates = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
        values = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
        ticks[language] = (dates, values)
    assert ticks["en"][0][0] == "2 Mar"
    assert ticks["es"][0] == ["2 mar", "16 mar", "30 mar", "13 abr\n2026"]
    assert ticks["de"][0][-1] == "13. Apr.\n2026"
    assert any("." in v for v in ticks["en"][1]) and not any("," in v for v in ticks["en"][1])
    for language in TRANSLATED:
        assert any("," in v for v in ticks[language][1])
        assert not any("." in v for v in ticks[language][1])


def test_a_stretchs_muscle_map_is_drawn_once_per_language(catalog: Catalog) -> None:
    """The same map asked again in one language is the kept one; each language has its own."""
    stretch = catalog.stretch("seated-thoracic-flexion")
    maps = {}
    for language in ("en", "es", "de"):
        with use_language(language):
            maps[language] = stretch_muscle_map_png(stretch, catalog, dpi=40)
        assert stretch_muscle_map_png(stretch, catalog, dpi=40, language=language) is maps[language]
    assert len(set(maps.values())) == 3


def test_the_dashboards_pictures_follow_the_pages_language() -> None:
    """A kept picture is looked up in the language of the page reading it (English where a
    language has none)."""
    maps = InLanguage({"en": {"a": b"en"}, "de": {"a": b"de"}})
    with use_language("de"):
        assert maps["a"] == b"de" and dict(maps) == {"a": b"de"}
    with use_language("en"):
        assert maps.get("a") == b"en"
    with use_language("es"):
        assert maps["a"] == b"en"


def test_the_store_keeps_one_chart_per_language(tmp_path: Path, catalog: Catalog) -> None:
    """A client's chart drawn in English, Spanish and German is kept three times, once each:
    asking again in a language takes its own drawing and draws nothing."""
    today = date(2026, 12, 1)
    drawings: list[str] = []

    def draw(language: str) -> bytes:
        drawings.append(language)
        return f"png in {language}".encode()

    with Store.open(tmp_path / "kept.db") as store:
        seed_demo_data(store, 1, today)
        (client,) = store.clients.all()
        for _round in range(2):
            for language in ("en", "es", "de"):
                with use_language(language):
                    shelf = ChartShelf(store, catalog, client.id, today)
                    chart = shelf.chart("holds", "test", partial(draw, language), lambda: "alt")
                    assert chart.png == f"png in {language}".encode()
        assert drawings == ["en", "es", "de"]
        assert store.chart_cache.kept(client.id) == ("holds@test", "holds@test:de", "holds@test:es")
