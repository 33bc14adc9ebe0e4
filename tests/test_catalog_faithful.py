"""The packaged catalog says what the two source articles say.

The articles are not available in CI, so the facts they state are written out here as tables:
the upper back article (Alex, file 000_56a37f25f547bb1b.txt) and the partner back article
(Jordan, file 001_1260688ffc404514.txt).
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from stretchkit.catalog import Catalog, Stretch, default_catalog

UPPER = "upper-back-article"
PARTNER = "partner-back-article"

SOURCE_FILES = {
    UPPER: ("article", "Alex", "000_56a37f25f547bb1b.txt"),
    PARTNER: ("article", "Jordan", "001_1260688ffc404514.txt"),
    "acsm": ("guidance", "", ""),
    "par-q-plus": ("guidance", "", ""),
    "stretchkit": ("own-reading", "", ""),
}


class Facts(NamedTuple):
    """What an article states about one stretch."""

    id: str
    source: str
    number: int
    region: str
    movement: str
    position: str
    hold: tuple[int, int]
    per_side: bool
    steps: int


STRETCHES = [
    Facts(
        "seated-thoracic-flexion", UPPER, 1, "upper-back", "flexion", "seated", (20, 30), False, 5
    ),
    Facts(
        "seated-thoracic-rotation", UPPER, 2, "upper-back", "rotation", "seated", (20, 30), True, 5
    ),
    Facts("seated-lat-reach-pull", UPPER, 3, "upper-back", "flexion", "seated", (20, 30), False, 5),
    Facts(
        "standing-chest-opener",
        UPPER,
        4,
        "upper-back",
        "retraction",
        "standing",
        (20, 30),
        False,
        6,
    ),
    Facts(
        "seated-thoracic-extension",
        PARTNER,
        1,
        "upper-back",
        "extension",
        "seated",
        (15, 30),
        False,
        2,
    ),
    Facts(
        "supine-thoracic-rotation", PARTNER, 2, "mid-back", "rotation", "supine", (20, 45), True, 2
    ),
    Facts(
        "seated-lower-back-flexion",
        PARTNER,
        3,
        "lower-back",
        "flexion",
        "seated",
        (20, 45),
        False,
        2,
    ),
    Facts(
        "standing-backbend-assist",
        PARTNER,
        4,
        "front-of-trunk",
        "extension",
        "standing",
        (10, 20),
        False,
        2,
    ),
]
STRETCH_IDS = [f.id for f in STRETCHES]

TARGETS = {
    "seated-thoracic-flexion": {
        "erector-spinae": "primary",
        "rhomboids": "primary",
        "trapezius": "primary",
    },
    "seated-thoracic-rotation": {
        "rotatores": "primary",
        "multifidus": "primary",
        "obliques": "primary",
    },
    "seated-lat-reach-pull": {"latissimus-dorsi": "primary", "erector-spinae": "primary"},
    "standing-chest-opener": {
        "pectorals": "primary",
        "rhomboids": "secondary",
        "trapezius": "secondary",
    },
    "seated-thoracic-extension": {
        "erector-spinae": "primary",
        "rhomboids": "primary",
        "trapezius": "primary",
        "latissimus-dorsi": "primary",
    },
    "supine-thoracic-rotation": {
        "obliques": "primary",
        "erector-spinae": "primary",
        "intercostals": "primary",
    },
    "seated-lower-back-flexion": {
        "erector-spinae": "primary",
        "quadratus-lumborum": "primary",
        "gluteals": "primary",
        "hamstrings": "secondary",
    },
    "standing-backbend-assist": {
        "abdominals": "primary",
        "hip-flexors": "primary",
        "erector-spinae": "strengthened",
    },
}

# (condition, action, source): every general contraindication of both articles
CONTRAINDICATIONS = [
    ("recent-injury", "avoid", UPPER),
    ("acute-pain", "avoid", UPPER),
    ("osteoporosis", "avoid", UPPER),
    ("spinal-fusion", "avoid-without-clearance", UPPER),
    ("disc-herniation", "avoid-without-clearance", UPPER),
    ("severe-spinal-condition", "avoid-without-clearance", UPPER),
    ("contraindicated-by-professional", "avoid", UPPER),
    # "Consult a healthcare professional if you experience ... numbness, tingling ..."
    ("numbness-tingling", "consult", UPPER),
    # names disc herniation too: an acute one is recorded as a recent back injury
    ("recent-injury", "avoid", PARTNER),
    ("severe-pain", "avoid", PARTNER),
    ("osteoporosis", "avoid", PARTNER),
    ("recent-surgery", "avoid-without-clearance", PARTNER),
    ("hypermobility", "caution", PARTNER),
    ("numbness-tingling", "stop-and-refer", PARTNER),
    ("pregnancy", "consult", PARTNER),
]

# guideline id, sources, low, high, unit
GUIDELINE_FIGURES = [
    ("warm-up", {UPPER, PARTNER}, 5, 10, "min"),
    ("hold-time", {UPPER}, 20, 30, "s"),
    ("reduced-flexibility-hold", {UPPER}, None, 60, "s"),
    ("repetitions", {UPPER}, 2, 3, None),
    ("acsm-frequency", {"acsm"}, 2, 3, "days/week"),
    ("acsm-hold", {"acsm"}, 10, 30, "s"),
    ("acsm-older-adult-hold", {"acsm"}, 30, 60, "s"),
    ("acsm-total-per-stretch", {"acsm"}, 60, 60, "s"),
    ("older-adult-age", {"acsm"}, 65, None, "years"),
]

GUIDELINE_SOURCES = [
    ("breathing", {UPPER, PARTNER}),
    ("gradual-progression", {UPPER, PARTNER}),
    ("no-pain", {UPPER, PARTNER}),
    ("communication", {UPPER, PARTNER}),
    ("stable-positioning", {PARTNER}),
    ("body-mechanics", {UPPER}),
    ("respect-differences", {PARTNER}),
    ("listen-to-feedback", {UPPER}),
    ("seek-professional-guidance", {UPPER, PARTNER}),
]

COMMUNICATION_PHRASES = [
    "How does this feel?",
    "Is that too much?",
    "Tell me if you feel any pain.",
    "Is this too much?",
    "Can you go a little further?",
]

MUSCLE_VIEWS = {
    "trapezius": "back",
    "rhomboids": "back",
    "latissimus-dorsi": "back",
    "erector-spinae": "back",
    "serratus-anterior": "both",
    "rotatores": "back",
    "multifidus": "back",
    "obliques": "both",
    "intercostals": "both",
    "quadratus-lumborum": "back",
    "gluteals": "back",
    "hamstrings": "back",
    "pectorals": "front",
    "abdominals": "front",
    "hip-flexors": "front",
}

PRESCRIPTIONS = [
    ("seated-thoracic-flexion", "20-30 s x 2-3"),
    ("seated-thoracic-rotation", "20-30 s x 2-3, each side"),
    ("seated-lat-reach-pull", "20-30 s x 2-3"),
    ("standing-chest-opener", "20-30 s x 2-3"),
    ("seated-thoracic-extension", "15-30 s x 2-3"),
    ("supine-thoracic-rotation", "20-45 s x 2-3, each side"),
    ("seated-lower-back-flexion", "20-45 s x 2-3"),
    ("standing-backbend-assist", "10-20 s x 2-3"),
]

BACKBEND_EXCLUSION = (
    "Not suitable for individuals with significant lower back pain, disc issues, or osteoporosis."
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The packaged catalog, loaded once for this module."""
    return default_catalog()


def _stretch(catalog: Catalog, stretch_id: str) -> Stretch:
    return catalog.stretch(stretch_id)


def test_the_catalog_holds_exactly_the_eight_article_stretches_in_article_order(
    catalog: Catalog,
) -> None:
    """The stretch ids are the four of the upper back article, then the four of the other."""
    assert [s.id for s in catalog.stretches] == STRETCH_IDS


@pytest.mark.parametrize("source_id", sorted(SOURCE_FILES))
def test_each_source_names_its_kind_author_and_article_file(
    catalog: Catalog, source_id: str
) -> None:
    """Each source has the kind, author and seed file of the article or guidance it names."""
    kind, author, file = SOURCE_FILES[source_id]
    source = catalog.sources[source_id]
    assert (source.kind, source.author, source.file) == (kind, author, file)
    assert source.title.strip()


@pytest.mark.parametrize("facts", STRETCHES, ids=STRETCH_IDS)
def test_each_stretch_matches_its_article_facts(catalog: Catalog, facts: Facts) -> None:
    """Source, number, region, movement, position, hold, sides and step count match the article."""
    s = _stretch(catalog, facts.id)
    assert s.source == facts.source
    assert s.article_number == facts.number
    assert s.region == facts.region
    assert s.movement == facts.movement
    assert s.position == facts.position
    assert (s.hold.min_s, s.hold.max_s) == facts.hold
    assert s.per_side is facts.per_side
    assert len(s.steps) == facts.steps


@pytest.mark.parametrize("stretch_id", STRETCH_IDS)
def test_every_stretch_uses_the_upper_back_articles_two_to_three_repetitions(
    catalog: Catalog, stretch_id: str
) -> None:
    """Only the upper back article gives repetitions (2-3), so every stretch cites it for them."""
    s = _stretch(catalog, stretch_id)
    assert (s.reps.min_reps, s.reps.max_reps) == (2, 3)
    assert s.reps_source == UPPER


@pytest.mark.parametrize("stretch_id", STRETCH_IDS)
def test_each_stretch_step_states_the_hold_the_stretch_records(
    catalog: Catalog, stretch_id: str
) -> None:
    """The article's own hold instruction appears in the steps, with the recorded range."""
    s = _stretch(catalog, stretch_id)
    assert any(f"Hold for {s.hold.min_s}-{s.hold.max_s} seconds" in step for step in s.steps)


@pytest.mark.parametrize("stretch_id", STRETCH_IDS)
def test_each_stretch_targets_the_muscles_its_article_names(
    catalog: Catalog, stretch_id: str
) -> None:
    """Each stretch's target muscles and their roles are those the article lists."""
    s = _stretch(catalog, stretch_id)
    assert {t.muscle: t.role for t in s.targets} == TARGETS[stretch_id]


@pytest.mark.parametrize("stretch_id", STRETCH_IDS)
def test_each_stretch_has_roles_positions_cautions_and_loads(
    catalog: Catalog, stretch_id: str
) -> None:
    """Each stretch describes both people's roles and positions, its cautions and what it loads."""
    s = _stretch(catalog, stretch_id)
    for text in (s.purpose, s.partner_role, s.partner_position, s.client_role, s.client_position):
        assert text.strip()
    assert s.cautions
    assert s.loads
    assert set(s.loads) <= set(catalog.body_parts)


@pytest.mark.parametrize("stretch_id", STRETCH_IDS)
def test_each_stretchs_cues_include_asking_how_it_feels(catalog: Catalog, stretch_id: str) -> None:
    """Both articles tell the partner to ask "How does this feel?", so every stretch cues it."""
    assert "How does this feel?" in _stretch(catalog, stretch_id).cues


@pytest.mark.parametrize(("stretch_id", "expected"), PRESCRIPTIONS, ids=STRETCH_IDS)
def test_the_prescription_text_reads_hold_times_repetitions_and_sides(
    catalog: Catalog, stretch_id: str, expected: str
) -> None:
    """The prescription text reads like '20-30 s x 2-3, each side'."""
    assert _stretch(catalog, stretch_id).prescription_text == expected


def test_the_backbend_excludes_exactly_lower_back_pain_disc_issues_and_osteoporosis(
    catalog: Catalog,
) -> None:
    """The backbend is unsuitable with significant lower back pain, disc issues or osteoporosis."""
    s = _stretch(catalog, "standing-backbend-assist")
    assert sorted(x.condition for x in s.exclusions) == [
        "disc-herniation",
        "lower-back-pain",
        "osteoporosis",
    ]
    assert all(x.text == BACKBEND_EXCLUSION for x in s.exclusions)
    assert "Start with very small movements." in s.modifications


def test_only_the_backbend_has_stretch_specific_exclusions(catalog: Catalog) -> None:
    """No article names an exclusion for any other single stretch."""
    assert [s.id for s in catalog.stretches if s.exclusions] == ["standing-backbend-assist"]


def test_the_lower_back_flexion_lets_tight_hamstrings_bend_the_knees(catalog: Catalog) -> None:
    """Significant hamstring tightness is a modification (bend the knees), not an exclusion."""
    s = _stretch(catalog, "seated-lower-back-flexion")
    assert any("hamstring tightness" in m and "bend their knees" in m for m in s.modifications)
    assert not s.exclusions


@pytest.mark.parametrize(
    ("condition", "action", "source"),
    CONTRAINDICATIONS,
    ids=[f"{c}-{src}" for c, _, src in CONTRAINDICATIONS],
)
def test_every_general_contraindication_of_both_articles_is_present(
    catalog: Catalog, condition: str, action: str, source: str
) -> None:
    """Each contraindication the articles state is there, with its action and its article."""
    matches = [
        c for c in catalog.contraindications if c.condition == condition and c.source == source
    ]
    assert len(matches) == 1
    assert matches[0].action == action
    assert matches[0].text.strip()


def test_the_upper_back_articles_numbness_entry_says_consult_in_its_words(
    catalog: Catalog,
) -> None:
    """The upper back article asks to consult a professional about numbness; stopping the
    stretch at once is the partner back article's word."""
    by_source = {
        c.source: c for c in catalog.contraindications if c.condition == "numbness-tingling"
    }
    assert by_source[UPPER].action == "consult"
    assert by_source[UPPER].text.startswith("Consult a healthcare professional if you experience")
    assert by_source[PARTNER].action == "stop-and-refer"
    assert "immediate cessation of the stretch" in by_source[PARTNER].text


def test_the_contraindications_are_exactly_those_of_the_articles(catalog: Catalog) -> None:
    """No contraindication is invented: the list is exactly the articles' statements."""
    found = sorted((c.condition, c.action, c.source) for c in catalog.contraindications)
    assert found == sorted(CONTRAINDICATIONS)


@pytest.mark.parametrize("row", GUIDELINE_FIGURES, ids=[row[0] for row in GUIDELINE_FIGURES])
def test_every_guideline_with_a_figure_has_the_figure_of_its_source(
    catalog: Catalog, row: tuple[str, set[str], float | None, float | None, str | None]
) -> None:
    """Warm-up 5-10 min, hold 20-30 s, up to 60 s, 2-3 reps and the ACSM figures are right."""
    guideline_id, sources, low, high, unit = row
    g = catalog.guideline(guideline_id)
    assert set(g.sources) == sources
    assert (g.low, g.high) == (low, high)
    if unit is not None:
        assert g.unit == unit
    assert g.text.strip()


@pytest.mark.parametrize(
    ("guideline_id", "sources"), GUIDELINE_SOURCES, ids=[row[0] for row in GUIDELINE_SOURCES]
)
def test_every_required_guideline_without_a_figure_exists_with_its_sources(
    catalog: Catalog, guideline_id: str, sources: set[str]
) -> None:
    """Breathing, progression, no pain, communication and the rest cite their articles."""
    g = catalog.guideline(guideline_id)
    assert set(g.sources) == sources
    assert g.title.strip()
    assert g.text.strip()


def test_the_range_texts_of_the_main_figures_read_naturally(catalog: Catalog) -> None:
    """The warm-up, hold and ACSM total figures read '5-10 min', '20-30 s' and '60 s'."""
    assert catalog.guideline("warm-up").range_text == "5-10 min"
    assert catalog.guideline("hold-time").range_text == "20-30 s"
    assert catalog.guideline("reduced-flexibility-hold").range_text == "60 s"
    assert catalog.guideline("acsm-total-per-stretch").range_text == "60 s"


def test_the_communication_guideline_lists_both_articles_phrases(catalog: Catalog) -> None:
    """The communication items hold every phrase the two articles suggest asking."""
    items = catalog.guideline("communication").items
    for phrase in COMMUNICATION_PHRASES:
        assert phrase in items


def test_the_professional_guidance_lists_four_reasons_and_says_it_is_no_substitute(
    catalog: Catalog,
) -> None:
    """Seeking guidance lists the article's four reasons and says stretching replaces no advice."""
    g = catalog.guideline("seek-professional-guidance")
    assert len(g.items) == 4
    assert "not a substitute" in g.text
    assert "qualified fitness expert" in g.text


def test_no_article_guideline_cites_guidance_the_articles_do_not_contain(
    catalog: Catalog,
) -> None:
    """Every ACSM figure cites ACSM alone, never an article."""
    for g in catalog.guidelines.values():
        if g.id.startswith("acsm-") or g.id == "older-adult-age":
            assert set(g.sources) == {"acsm"}


def test_the_muscle_vocabulary_is_exactly_the_fifteen_muscles_with_their_views(
    catalog: Catalog,
) -> None:
    """The muscle ids and the view of the muscle map that shows each are as specified."""
    assert {m.id: m.view for m in catalog.muscles.values()} == MUSCLE_VIEWS


def test_the_vocabularies_hold_the_specified_regions_body_parts_and_conditions(
    catalog: Catalog,
) -> None:
    """Regions, body parts and conditions use exactly the agreed ids."""
    assert set(catalog.regions) == {"upper-back", "mid-back", "lower-back", "front-of-trunk"}
    assert set(catalog.body_parts) == {
        "neck",
        "upper-back",
        "lower-back",
        "shoulder",
        "arm",
        "chest",
        "abdomen",
        "hip",
        "hamstring",
        "knee",
    }
    assert set(catalog.conditions) == {
        "recent-injury",
        "acute-pain",
        "severe-pain",
        "osteoporosis",
        "spinal-fusion",
        "disc-herniation",
        "severe-spinal-condition",
        "recent-surgery",
        "hypermobility",
        "numbness-tingling",
        "pregnancy",
        "lower-back-pain",
        "contraindicated-by-professional",
        "hamstring-tightness",
    }


@pytest.mark.parametrize("stretch_id", STRETCH_IDS)
def test_each_stretch_is_cited_to_an_article_by_its_source(
    catalog: Catalog, stretch_id: str
) -> None:
    """Every stretch comes from one of the two articles, never from outside guidance."""
    source = catalog.source_of(_stretch(catalog, stretch_id))
    assert source.kind == "article"


MUSCLE_PARTS = {
    "trapezius": {"neck", "upper-back", "shoulder"},
    "rhomboids": {"upper-back"},
    "latissimus-dorsi": {"upper-back", "lower-back", "shoulder"},
    "erector-spinae": {"upper-back", "lower-back"},
    "serratus-anterior": {"chest"},
    "rotatores": {"upper-back", "lower-back"},
    "multifidus": {"upper-back", "lower-back"},
    "obliques": {"abdomen"},
    "intercostals": {"chest"},
    "quadratus-lumborum": {"lower-back"},
    "gluteals": {"hip"},
    "hamstrings": {"hamstring"},
    "pectorals": {"chest"},
    "abdominals": {"abdomen"},
    "hip-flexors": {"hip"},
}
"""The body parts each muscle lies in, as the articles' anatomy describes it."""


def test_each_muscle_lies_in_the_body_parts_its_description_gives(catalog: Catalog) -> None:
    """The obliques in the abdomen, the intercostals and pectorals in the chest, and so on."""
    assert {m.id: set(m.parts) for m in catalog.muscles.values()} == MUSCLE_PARTS


@pytest.mark.parametrize(
    ("stretch_id", "part"),
    [
        ("seated-thoracic-rotation", "abdomen"),
        ("supine-thoracic-rotation", "abdomen"),
        ("supine-thoracic-rotation", "chest"),
        ("seated-thoracic-extension", "chest"),
        ("standing-backbend-assist", "chest"),
        ("standing-chest-opener", "chest"),
        ("seated-thoracic-extension", "shoulder"),
    ],
)
def test_a_stretch_affects_the_parts_it_loads_and_those_of_its_target_muscles(
    catalog: Catalog, stretch_id: str, part: str
) -> None:
    """The rotations target the obliques (abdomen); the extension and the backbend load the
    chest and ribs; the extension's trapezius reaches the shoulder."""
    assert part in catalog.affected_parts(catalog.stretch(stretch_id))


def test_the_extension_and_the_backbend_load_the_chest(catalog: Catalog) -> None:
    """Both open the chest: 'chest' is among their loads."""
    for stretch_id in ("seated-thoracic-extension", "standing-backbend-assist"):
        assert "chest" in catalog.stretch(stretch_id).loads


def test_the_body_part_names_say_what_belongs_to_them(catalog: Catalog) -> None:
    """A trainer reads that the obliques are the abdomen, the ribs the chest, the neck the back."""
    names = {p.id: p.name for p in catalog.body_parts.values()}
    assert "obliques" in names["abdomen"]
    assert "ribs" in names["chest"]
    assert "back" in names["neck"]


def test_stretchkits_own_readings_are_listed_and_cite_only_stretchkit(catalog: Catalog) -> None:
    """The readings the articles do not state are a guideline of their own, citing stretchkit."""
    g = catalog.guideline("stretchkit-readings")
    assert g.sources == ("stretchkit",)
    said = " ".join(g.items)
    for reading in ("end range", "certain stretches", "week 14", "week 28", "12 months", "trunk"):
        assert reading in said, reading
