"""Screening walks every rule of both articles and PAR-Q+ to the right status and decisions."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.errors import ValidationError
from stretchkit.screening import DECISIONS, STATUSES, screen, validity
from stretchkit.screening.intake import Clearance, Injury, Intake, trimester_on
from stretchkit.screening.rules import CONDITION_PRESENT, rules
from tests.hypothesis_profiles import examples
from tests.strategies import CONTRAINDICATION_FLAGS, due_dates, injuries, intakes

DAY = date(2026, 6, 1)
FLEX, ROT, LAT, CHEST = (
    "seated-thoracic-flexion",
    "seated-thoracic-rotation",
    "seated-lat-reach-pull",
    "standing-chest-opener",
)
EXT, SUP, LBF, BB = (
    "seated-thoracic-extension",
    "supine-thoracic-rotation",
    "seated-lower-back-flexion",
    "standing-backbend-assist",
)
ALL = (FLEX, ROT, LAT, CHEST, EXT, SUP, LBF, BB)
UPPER, PARTNER = "Upper Back Stretches", "Partner Back Stretching"


def cleared(*covers: str) -> Clearance:
    return Clearance(DAY - timedelta(days=10), covers, "Dr Example")


def cleared_today(*covers: str) -> Clearance:
    """Issued on the screening day: with no due date recorded, only then is a pregnancy
    clearance surely from the current trimester."""
    return Clearance(DAY, covers, "Dr Example")


def old_clearance(*covers: str) -> Clearance:
    """Issued exactly 12 months before the screening: it no longer counts (PAR-Q+)."""
    return Clearance(date(2025, 6, 1), covers, "Dr Example")


def unnamed_clearance(*covers: str) -> Clearance:
    return Clearance(DAY - timedelta(days=10), covers, "  ")


def only(decision: str, ids: tuple[str, ...], rest: str = "allowed") -> dict[str, str]:
    return {s: decision if s in ids else rest for s in ALL}


def every(decision: str) -> dict[str, str]:
    return dict.fromkeys(ALL, decision)


def parq(n: int) -> tuple[bool, ...]:
    return tuple(i == n for i in range(7))


# case id, intake fields, status, decisions, refer, a source the reasons must name
TABLE: list[tuple[str, dict[str, Any], str, dict[str, str], bool, str]] = [
    ("nothing", {}, "cleared", every("allowed"), False, ""),
    *[
        (f"par-q {n + 1}", {"parq": parq(n)}, "needs-clearance", every("excluded"), True, "PAR-Q+")
        for n in range(7)
    ],
    (
        "par-q cleared",
        {"parq": parq(0), "clearance": cleared("par-q")},
        "cleared-with-cautions",
        every("allowed"),
        False,
        "PAR-Q+",
    ),
    (
        "upper back strain",
        {"injuries": (Injury("upper-back", "strain"),)},
        "do-not-stretch",
        every("excluded"),
        True,
        PARTNER,
    ),
    (
        "lower back sprain",
        {"injuries": (Injury("lower-back", "sprain"),)},
        "do-not-stretch",
        every("excluded"),
        True,
        UPPER,
    ),
    (
        "acute disc herniation",
        {"injuries": (Injury("neck", "disc herniation"),)},
        "do-not-stretch",
        every("excluded"),
        True,
        PARTNER,
    ),
    (
        "shoulder strain",
        {"injuries": (Injury("shoulder"),)},
        "cleared-with-cautions",
        only("excluded", (FLEX, ROT, LAT, CHEST, EXT, SUP, LBF)),
        False,
        UPPER,
    ),
    (
        "hamstring strain",
        {"injuries": (Injury("hamstring"),)},
        "cleared-with-cautions",
        only("excluded", (LBF,)),
        False,
        UPPER,
    ),
    (
        "hip sprain",
        {"injuries": (Injury("hip", "sprain"),)},
        "cleared-with-cautions",
        only("excluded", (ROT, SUP, LBF, BB)),
        False,
        UPPER,
    ),
    (
        "neck strain",
        {"injuries": (Injury("neck"),)},
        "do-not-stretch",
        every("excluded"),
        True,
        PARTNER,
    ),
    *[
        (
            f"{part} fracture",
            {"injuries": (Injury(part, "fracture"),)},
            "do-not-stretch",
            every("excluded"),
            True,
            UPPER,
        )
        for part in ("neck", "upper-back", "lower-back", "chest", "abdomen", "hip")
    ],
    (
        "oblique (abdomen) strain",
        {"injuries": (Injury("abdomen"),)},
        "cleared-with-cautions",
        only("excluded", (ROT, SUP, BB)),
        False,
        UPPER,
    ),
    (
        "chest strain",
        {"injuries": (Injury("chest"),)},
        "cleared-with-cautions",
        only("excluded", (CHEST, EXT, SUP, BB)),
        False,
        UPPER,
    ),
    (
        "hamstring fracture",
        {"injuries": (Injury("hamstring", "fracture"),)},
        "cleared-with-cautions",
        only("excluded", (LBF,)),
        False,
        UPPER,
    ),
    (
        "knee sprain",
        {"injuries": (Injury("knee", "sprain"),)},
        "cleared-with-cautions",
        only("excluded", (SUP,)),
        False,
        UPPER,
    ),
    (
        "arm fracture",
        {"injuries": (Injury("arm", "fracture"),)},
        "cleared-with-cautions",
        only("excluded", (FLEX, LAT, CHEST, LBF)),
        False,
        UPPER,
    ),
    ("acute pain", {"acute_pain": True}, "do-not-stretch", every("excluded"), True, UPPER),
    ("severe pain", {"severe_pain": True}, "do-not-stretch", every("excluded"), True, PARTNER),
    ("osteoporosis", {"osteoporosis": True}, "do-not-stretch", every("excluded"), True, PARTNER),
    ("spinal fusion", {"spinal_fusion": True}, "needs-clearance", every("excluded"), True, UPPER),
    (
        "spinal fusion cleared",
        {"spinal_fusion": True, "clearance": cleared("spinal-fusion")},
        "cleared-with-cautions",
        every("caution"),
        False,
        UPPER,
    ),
    (
        "spinal fusion, clearance 12 months old",
        {"spinal_fusion": True, "clearance": old_clearance("spinal-fusion")},
        "needs-clearance",
        every("excluded"),
        True,
        "PAR-Q+",
    ),
    (
        "spinal fusion, clearance naming no professional",
        {"spinal_fusion": True, "clearance": unnamed_clearance("spinal-fusion")},
        "needs-clearance",
        every("excluded"),
        True,
        UPPER,
    ),
    (
        "par-q, clearance 12 months old",
        {"parq": parq(2), "clearance": old_clearance("par-q")},
        "needs-clearance",
        every("excluded"),
        True,
        "PAR-Q+",
    ),
    (
        "spinal fusion, clearance for something else",
        {"spinal_fusion": True, "clearance": cleared("pregnancy")},
        "needs-clearance",
        every("excluded"),
        True,
        UPPER,
    ),
    (
        "disc herniation",
        {"disc_herniation": True},
        "needs-clearance",
        every("excluded"),
        True,
        UPPER,
    ),
    (
        "disc herniation cleared",
        {"disc_herniation": True, "clearance": cleared("disc-herniation")},
        "cleared-with-cautions",
        only("excluded", (BB,), rest="caution"),
        False,
        PARTNER,
    ),
    (
        "severe spinal condition",
        {"severe_spinal_condition": True},
        "needs-clearance",
        every("excluded"),
        True,
        UPPER,
    ),
    (
        "severe spinal condition cleared",
        {"severe_spinal_condition": True, "clearance": cleared("severe-spinal-condition")},
        "cleared-with-cautions",
        every("caution"),
        False,
        UPPER,
    ),
    *[
        (
            f"{site} surgery",
            {"recent_surgery": site},
            "needs-clearance",
            every("excluded"),
            True,
            PARTNER,
        )
        for site in ("back", "hip", "other")
    ],
    (
        "surgery cleared",
        {
            "recent_surgery": "hip",
            "recent_surgery_on": DAY - timedelta(days=20),
            "clearance": cleared("recent-surgery"),
        },
        "cleared-with-cautions",
        every("caution"),
        False,
        PARTNER,
    ),
    (
        "hypermobility",
        {"hypermobility": True},
        "cleared-with-cautions",
        every("caution"),
        False,
        PARTNER,
    ),
    (
        "numbness or tingling",
        {"numbness_tingling": True},
        "do-not-stretch",
        every("excluded"),
        True,
        UPPER,
    ),
    *[
        (
            f"pregnancy trimester {t}",
            {"pregnancy_trimester": t},
            "needs-clearance",
            every("excluded"),
            True,
            PARTNER,
        )
        for t in (1, 2, 3)
    ],
    (
        "pregnancy trimester 1 cleared",
        {"pregnancy_trimester": 1, "clearance": cleared_today("pregnancy")},
        "cleared-with-cautions",
        every("caution"),
        False,
        PARTNER,
    ),
    *[
        (
            f"pregnancy trimester {t} cleared",
            {"pregnancy_trimester": t, "clearance": cleared_today("pregnancy")},
            "cleared-with-cautions",
            only("excluded", (SUP, BB), rest="caution"),
            False,
            PARTNER,
        )
        for t in (2, 3)
    ],
    (
        "significant lower back pain",
        {"lower_back_pain": True},
        "cleared-with-cautions",
        only("excluded", (BB,)),
        False,
        PARTNER,
    ),
    (
        "contraindicated by a professional",
        {"contraindicated_by_professional": True},
        "do-not-stretch",
        every("excluded"),
        True,
        UPPER,
    ),
    (
        "no warm-up possible",
        {"warm_up_possible": False},
        "cleared-with-cautions",
        every("caution"),
        False,
        UPPER,
    ),
    (
        "hamstring tightness",
        {"hamstring_tightness": True},
        "cleared-with-cautions",
        only("caution", (LBF,)),
        False,
        PARTNER,
    ),
    (
        "older adult with reduced flexibility",
        {"age": 70, "reduced_flexibility": True},
        "cleared",
        every("allowed"),
        False,
        "",
    ),
]


@pytest.mark.parametrize(
    ("fields", "status", "decisions", "refer", "source"),
    [row[1:] for row in TABLE],
    ids=[row[0] for row in TABLE],
)
def test_each_rule_gives_its_status_and_decisions(
    catalog: Catalog,
    fields: dict[str, Any],
    status: str,
    decisions: dict[str, str],
    refer: bool,
    source: str,
) -> None:
    """The screening status, every stretch's decision, the referral and the source match."""
    result = screen(Intake(DAY, fields.pop("age", 40), **fields), catalog)
    assert result.status == status
    assert {d.stretch_id: d.decision for d in result.decisions} == decisions
    assert result.refer is refer
    assert ("healthcare professional" in result.headline) is refer
    if source:
        assert any(source in r.source for r in result.findings)


def test_hypermobility_keeps_holds_low_and_forbids_end_range(catalog: Catalog) -> None:
    """The hypermobility caution carries its modification on every stretch."""
    result = screen(Intake(DAY, 30, hypermobility=True), catalog)
    for d in result.decisions:
        assert any("low end" in m and "end range" in m for m in d.modifications)


def test_every_condition_the_articles_name_is_asked_at_screening(catalog: Catalog) -> None:
    """No catalog condition is silently unscreened: each has a way to be answered."""
    assert set(catalog.conditions) == set(CONDITION_PRESENT)


def test_every_rule_names_its_source(catalog: Catalog) -> None:
    """Each rule carries a source citation (an article or PAR-Q+)."""
    for rule in rules(catalog):
        assert rule.source, rule.id
        assert any(rule.source == s.citation for s in catalog.sources.values()), rule.id


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"age": 400}, "age"),
        ({"age": 5}, "age"),
        ({"pregnancy_trimester": 5}, "pregnancy trimester"),
        ({"recent_surgery": "knee"}, "recent surgery"),
        ({"parq": (True,)}, "parq"),
        ({"clearance": Clearance(DAY + timedelta(days=1), ("par-q",))}, "clearance date"),
    ],
)
def test_impossible_answers_are_rejected_naming_the_field(
    fields: dict[str, Any], field: str
) -> None:
    """Age 400, trimester 5, a clearance after the screening: each error names its field."""
    with pytest.raises(ValidationError) as caught:
        Intake(DAY, **{"age": 40, **fields})
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}:")


def test_a_clearance_must_say_what_it_covers() -> None:
    """An empty or unknown clearance scope is an error naming the field."""
    with pytest.raises(ValidationError, match="clearance covers"):
        Clearance(DAY, ())
    with pytest.raises(ValidationError, match="clearance covers"):
        Clearance(DAY, ("everything",))


def test_an_injury_at_an_unknown_body_part_is_rejected(catalog: Catalog) -> None:
    """Screening names a body part the catalog does not know."""
    with pytest.raises(ValidationError, match=r"injury body part.*elbow"):
        screen(Intake(DAY, 40, injuries=(Injury("elbow"),)), catalog)


@pytest.mark.parametrize(
    ("today", "changed", "state"),
    [
        (date(2027, 5, 31), None, "current"),
        (date(2027, 6, 1), None, "expired"),
        (date(2026, 7, 1), date(2026, 6, 20), "health-changed"),
        (date(2026, 7, 1), date(2026, 5, 20), "current"),
    ],
)
def test_a_screening_expires_after_12_months_or_a_change_in_health(
    today: date, changed: date | None, state: str
) -> None:
    """Valid for 12 months; a health change reported since the screening ends it too."""
    result = validity(DAY, today, changed)
    assert result.state == state
    assert result.expires_on == date(2027, 6, 1)


@settings(max_examples=examples(300), deadline=None)
@given(intakes())
def test_every_stretch_always_gets_a_decision_and_a_reason(intake: Intake) -> None:
    """Whatever the answers, each of the 8 stretches has a decision with at least one reason."""
    catalog = default_catalog()
    result = screen(intake, catalog)
    assert [d.stretch_id for d in result.decisions] == [s.id for s in catalog.stretches]
    for d in result.decisions:
        assert d.decision in DECISIONS
        assert d.reasons and all(r.text for r in d.reasons)
    if result.status in ("needs-clearance", "do-not-stretch"):
        assert result.allowed() == ()


def _worse_or_equal(before: str, after: str) -> bool:
    return DECISIONS.index(after) >= DECISIONS.index(before)


def _with_pregnancy(intake: Intake, data: st.DataObject) -> Intake:
    """Pregnant (by a due date), or further on in the pregnancy than before."""
    due = data.draw(due_dates(intake.taken_on))
    if trimester_on(due, intake.taken_on) < (intake.pregnancy_trimester or 0):
        return intake
    return dataclasses.replace(intake, pregnancy_trimester=None, pregnancy_due_on=due)


def _with_lapsed_clearance(intake: Intake, data: st.DataObject) -> Intake:
    """The same clearance, but no longer counting: 12 months old or more, or naming nobody."""
    if intake.clearance is None:
        return intake
    if data.draw(st.booleans()):
        lapsed = dataclasses.replace(intake.clearance, issued_by=" ")
    else:
        issued = data.draw(st.dates(max_value=intake.taken_on - timedelta(days=366)))
        lapsed = dataclasses.replace(intake.clearance, issued_on=issued)
    return dataclasses.replace(intake, clearance=lapsed)


def _worse(intake: Intake, added: str, data: st.DataObject) -> Intake:
    """The intake with one more condition (or a clearance that stops counting)."""
    if added == "injury":
        return dataclasses.replace(intake, injuries=(*intake.injuries, data.draw(injuries)))
    if added == "parq":
        question = data.draw(st.integers(0, 6))
        parq = tuple(a or i == question for i, a in enumerate(intake.parq))
        return dataclasses.replace(intake, parq=parq)
    if added == "pregnancy":
        return _with_pregnancy(intake, data)
    if added == "clearance lapses":
        return _with_lapsed_clearance(intake, data)
    if added == "surgery":
        site = intake.recent_surgery or data.draw(st.sampled_from(("back", "hip", "other")))
        return dataclasses.replace(intake, recent_surgery=site)
    return dataclasses.replace(intake, **{added: True})


@settings(max_examples=examples(500), deadline=None)
@given(
    intakes(),
    st.sampled_from(
        (*CONTRAINDICATION_FLAGS, "injury", "parq", "pregnancy", "surgery", "clearance lapses")
    ),
    st.data(),
)
def test_adding_a_contraindication_never_makes_a_stretch_safer(
    intake: Intake, added: str, data: st.DataObject
) -> None:
    """Monotonic safety: one more condition (an injury of any part and kind, a later trimester,
    a clearance that stops counting...) never turns a decision or the status towards allowed,
    and never drops a referral."""
    catalog = default_catalog()
    worse = _worse(intake, added, data)
    before, after = screen(intake, catalog), screen(worse, catalog)
    for b, a in zip(before.decisions, after.decisions, strict=True):
        assert _worse_or_equal(b.decision, a.decision), (added, b, a)
    assert STATUSES.index(after.status) >= STATUSES.index(before.status), added
    assert after.refer or not before.refer, added


def test_a_neck_fracture_allows_no_stretch_and_refers(catalog: Catalog) -> None:
    """The neck is part of the back: a recent neck fracture is 'do not stretch', none allowed."""
    result = screen(Intake(DAY, 40, injuries=(Injury("neck", "fracture"),)), catalog)
    assert (result.status, result.allowed(), result.refer) == ("do-not-stretch", (), True)


def test_a_rib_fracture_is_do_not_stretch_as_a_fracture_of_the_trunk(catalog: Catalog) -> None:
    """A chest (rib) fracture rules out every stretch, naming the trunk and the article."""
    result = screen(Intake(DAY, 40, injuries=(Injury("chest", "fracture"),)), catalog)
    assert result.status == "do-not-stretch" and result.allowed() == ()
    finding = next(r for r in result.findings if r.rule == "trunk-fracture")
    assert "fracture in the trunk (chest)" in finding.text
    assert finding.refer


def test_an_oblique_strain_excludes_both_rotations(catalog: Catalog) -> None:
    """The rotations target the obliques, which lie in the abdomen."""
    result = screen(Intake(DAY, 40, injuries=(Injury("abdomen", "strain"),)), catalog)
    assert result.decision(ROT).decision == "excluded"
    assert result.decision(SUP).decision == "excluded"


def test_a_chest_strain_excludes_what_loads_or_targets_the_chest(catalog: Catalog) -> None:
    """Every stretch whose loads or target muscles include the chest is excluded, no other."""
    result = screen(Intake(DAY, 40, injuries=(Injury("chest", "strain"),)), catalog)
    for stretch in catalog.stretches:
        touches = "chest" in catalog.affected_parts(stretch)
        assert (result.decision(stretch.id).decision == "excluded") is touches, stretch.id


OWN_READINGS = {
    "hypermobility/partner-back-article": "end range",
    "spinal-fusion/upper-back-article/cleared": "caution once cleared",
    "injury-in-area": "load or target",
    "trunk-fracture": "trunk",
    "pregnancy-later-trimester": "certain stretches",
    "no-warm-up": "very gently",
    "clearance-unnamed": "names who issued it",
}


@pytest.mark.parametrize(("rule_id", "what"), OWN_READINGS.items())
def test_a_rule_going_beyond_its_article_cites_stretchkits_own_reading(
    catalog: Catalog, rule_id: str, what: str
) -> None:
    """Beside the article, the rule names what is stretchkit's own reading, and cites it."""
    rule = next(r for r in rules(catalog) if r.id == rule_id)
    own = catalog.sources["stretchkit"]
    assert own.kind == "own-reading"
    assert what in rule.reading and rule.reading.endswith(own.citation)
    reason = rule.reason(Intake(DAY, 40))
    assert reason.cited == f"{rule.source}; {rule.reading}"


def test_a_rule_its_source_states_in_full_cites_no_own_reading(catalog: Catalog) -> None:
    """PAR-Q+ and an article's plain 'avoid' carry no own-reading label."""
    by_id = {r.id: r for r in rules(catalog)}
    for rule_id in ("par-q", "osteoporosis/partner-back-article", "hamstring-tightness"):
        assert by_id[rule_id].reading == ""
        assert by_id[rule_id].reason(Intake(DAY, 40)).cited == by_id[rule_id].source


def test_a_screening_that_allows_no_stretch_reads_do_not_stretch_with_why() -> None:
    """A shoulder fracture plus an abdomen strain exclude every stretch: the status is 'do not
    stretch', never 'cleared', with the reason labelled stretchkit's own reading."""
    catalog = default_catalog()
    injuries = (Injury("shoulder", "fracture"), Injury("abdomen", "strain"))
    result = screen(Intake(date(2026, 12, 6), 40, injuries=injuries), catalog)
    assert all(d.decision == "excluded" for d in result.decisions)
    assert result.status == "do-not-stretch"
    [why] = [r for r in result.findings if r.rule == "every-stretch-excluded"]
    assert "Every stretch is excluded for this client: see why below" in why.text
    assert "stretchkit's own reading" in why.cited
