"""The screening rules, as one table: each row says when it applies, what it does, and its source.

The articles' general contraindications and each stretch's exclusions are read from the catalog
(their wording and source come with them); `CONDITION_PRESENT` says how an intake answers each
condition the articles name. The remaining rows are PAR-Q+, written clearances that do not
count, injuries by body part, a fracture of the trunk, later pregnancy, warm-up and hamstring
tightness. Where a row goes beyond what its source states, its `reading` says so and cites
stretchkit's own reading (the catalog source "stretchkit").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache

from stretchkit.catalog import Catalog, Contraindication, Stretch
from stretchkit.catalog.translations import catalog_text
from stretchkit.i18n import N_, _, current_language
from stretchkit.screening.answers import injury_kind_text
from stretchkit.screening.day_text import day_text
from stretchkit.screening.intake import (
    CLEARABLE,
    CLEARANCE_TIMING_READING,
    CLEARANCE_TOO_OLD,
    CLEARANCE_UNNAMED,
    Injury,
    Intake,
)
from stretchkit.screening.model import Decision, Effect, Rule, Status

__all__ = [
    "BACK_PARTS",
    "CONDITION_PRESENT",
    "HYPERMOBILITY_MODIFICATION",
    "OWN_READING",
    "TRUNK_PARTS",
    "clearance_timing_text",
    "injured_parts",
    "rules",
    "trunk_fractures",
]

BACK_PARTS = frozenset({"neck", "upper-back", "lower-back"})
"""The back: the partner back article counts the whole spine, the cervical spine (neck)
included, as the back; a recent injury of any kind there is a back injury."""
TRUNK_PARTS = frozenset({"neck", "upper-back", "lower-back", "chest", "abdomen", "hip"})
"""Where a recent fracture rules out every stretch: the trunk, with the hip and pelvis
(stretchkit's own reading of "fractures in the area": the safer outcome)."""
OWN_READING = "stretchkit"
"""The catalog source a rule cites beside its article for what the article does not state."""
# The modifications are stored with a routine in English, and translated where they are shown.
HYPERMOBILITY_MODIFICATION = N_(
    "Keep holds at the low end of the range and never assist into end range."
)
CLEARED_MODIFICATION = N_("Stay within what the medical clearance allows; gentle range only.")
WARM_UP_MODIFICATION = N_(
    "No warm-up possible: the articles ask for 5-10 minutes of light cardio or dynamic "
    "movement first; without it, start very gently and build up slowly."
)
HAMSTRING_MODIFICATION = N_("Bend the knees slightly (significant hamstring tightness).")
PARQ = "par-q-plus"
UPPER = "upper-back-article"
PARTNER = "partner-back-article"


def injured_parts(intake: Intake) -> frozenset[str]:
    """Body parts with a recent injury."""
    return frozenset(i.body_part for i in intake.injuries)


def trunk_fractures(intake: Intake) -> tuple[Injury, ...]:
    """The recent fractures of the trunk (see TRUNK_PARTS)."""
    return tuple(i for i in intake.injuries if i.kind == "fracture" and i.body_part in TRUNK_PARTS)


def _own(catalog: Catalog, what: str) -> str:
    """'<what>: stretchkit's own reading or default (...)', citing the catalog's source (`what`
    is an English message, translated where the reading is shown)."""
    return f"{what}: {catalog.sources[OWN_READING].citation}"


def own_reading_what(reading: str, catalog: Catalog) -> str | None:
    """What a reading made by `_own` says before the source it cites (None when it is not
    one): the message to translate where the reading is shown."""
    tail = f": {catalog.sources[OWN_READING].citation}"
    return reading.removesuffix(tail) if reading.endswith(tail) else None


def _part_text(part: str, catalog: Catalog) -> str:
    """A body part as a rule names it: its id in English (as the rules always have), its name
    in stretchkit's translation in another language."""
    found = catalog.body_parts.get(part)
    if current_language() == "en" or found is None:
        return part
    return catalog_text(found.name)


def _back_injury(intake: Intake) -> bool:
    return bool(injured_parts(intake) & BACK_PARTS) or any(
        i.kind == "disc herniation" for i in intake.injuries
    )


CONDITION_PRESENT: Mapping[str, Callable[[Intake], bool]] = {
    "recent-injury": _back_injury,
    "acute-pain": lambda i: i.acute_pain,
    "severe-pain": lambda i: i.severe_pain,
    "osteoporosis": lambda i: i.osteoporosis,
    "spinal-fusion": lambda i: i.spinal_fusion,
    "disc-herniation": lambda i: i.disc_herniation,
    "severe-spinal-condition": lambda i: i.severe_spinal_condition,
    "recent-surgery": lambda i: i.recent_surgery is not None,
    "hypermobility": lambda i: i.hypermobility,
    "numbness-tingling": lambda i: i.numbness_tingling or i.weakness,
    "pregnancy": lambda i: i.pregnancy_trimester is not None,
    "lower-back-pain": lambda i: i.lower_back_pain,
    "hamstring-tightness": lambda i: i.hamstring_tightness,
    "contraindicated-by-professional": lambda i: i.contraindicated_by_professional,
}
"""How an intake answers each condition the articles name (every catalog condition is here)."""

_ADVICE = {
    "avoid": N_("Avoid partner stretching."),
    "stop-and-refer": N_("Stop stretching and refer to a healthcare professional."),
    "avoid-without-clearance": N_("Not without written medical clearance."),
    "consult": N_("Consult a healthcare professional first."),
    "caution": N_("Be cautious."),
}


def _all(decision: Decision) -> Effect:
    return lambda _intake, _stretch: decision


def _none(_intake: Intake, _stretch: Stretch) -> Decision | None:
    return None


def _fixed(text: str) -> Callable[[Intake], str]:
    """A reason that is one message, in the reader's language when it is made."""
    return lambda _intake: _(text)


def _condition_says(c: Contraindication, catalog: Catalog) -> Callable[[Intake], str]:
    """'<condition>. <advice> The article says: “<its words>”', the condition and the
    article's words in stretchkit's translation outside English."""
    name = catalog.conditions[c.condition].name

    def said(_intake: Intake) -> str:
        return _("{condition}. {advice} The article says: \u201c{quote}\u201d").format(
            condition=catalog_text(name), advice=_(_ADVICE[c.action]), quote=catalog_text(c.text)
        )

    return said


def _only(stretch_id: str, decision: Decision) -> Effect:
    return lambda _intake, stretch: decision if stretch.id == stretch_id else None


def _present(condition: str) -> Callable[[Intake], bool]:
    return CONDITION_PRESENT[condition]


def _cleared(condition: str, cleared: bool) -> Callable[[Intake], bool]:
    present = CONDITION_PRESENT[condition]
    return lambda i: present(i) and i.cleared_for(condition) == cleared


def _contraindication_rules(c: Contraindication, catalog: Catalog) -> list[Rule]:
    """One article statement as rules (two when medical clearance can lift it)."""
    source = catalog.sources[c.source].citation
    said = _condition_says(c, catalog)
    rule_id = f"{c.condition}/{c.source}"
    if c.action == "stop-and-refer" and c.condition in CLEARABLE:
        return _refer_until_cleared(c, catalog, rule_id, said)
    if c.action in ("avoid", "stop-and-refer"):
        return [
            Rule(
                rule_id,
                _present(c.condition),
                "do-not-stretch",
                _all("excluded"),
                said,
                source,
                refer=True,
            )
        ]
    if c.action == "caution":
        hypermobile = c.condition == "hypermobility"
        return [
            Rule(
                rule_id,
                _present(c.condition),
                "cleared-with-cautions",
                _all("caution"),
                said,
                source,
                modification=HYPERMOBILITY_MODIFICATION if hypermobile else "",
                reading=_own(catalog, N_("low-end holds, never into end range"))
                if hypermobile
                else "",
            )
        ]
    reading = N_("every stretch with caution once cleared")
    return _until_cleared(c, catalog, rule_id, said, uncleared="needs-clearance", reading=reading)


def _refer_until_cleared(
    c: Contraindication, catalog: Catalog, rule_id: str, said: Callable[[Intake], str]
) -> list[Rule]:
    """Stop and refer, until a named professional's written clearance covers the condition
    (numbness, tingling or weakness: the upper back article says to consult one)."""
    reading = N_("a named professional's written clearance lifts it")
    return _until_cleared(c, catalog, rule_id, said, uncleared="do-not-stretch", reading=reading)


def _until_cleared(
    c: Contraindication,
    catalog: Catalog,
    rule_id: str,
    said: Callable[[Intake], str],
    *,
    uncleared: Status,
    reading: str,
) -> list[Rule]:
    """The condition's status until a written clearance covers it, then every stretch with
    caution (the caution once cleared is stretchkit's own reading, named by `reading`)."""
    source = catalog.sources[c.source].citation
    name = catalog.conditions[c.condition].name

    def cleared(_intake: Intake) -> str:
        return _(
            "{condition}: covered by the client's written medical clearance. The article "
            "says: \u201c{quote}\u201d"
        ).format(condition=catalog_text(name), quote=catalog_text(c.text))

    return [
        Rule(
            rule_id,
            _cleared(c.condition, False),
            uncleared,
            _all("excluded"),
            said,
            source,
            refer=True,
        ),
        Rule(
            f"{rule_id}/cleared",
            _cleared(c.condition, True),
            "cleared-with-cautions",
            _all("caution"),
            cleared,
            source,
            modification=CLEARED_MODIFICATION,
            reading=_own(catalog, reading),
        ),
    ]


def _exclusion_rules(catalog: Catalog) -> list[Rule]:
    """Each stretch's own exclusions (e.g. the backbend with osteoporosis), from the catalog."""
    found: list[Rule] = []
    for stretch in catalog.stretches:
        source = catalog.sources[stretch.source].citation
        for x in stretch.exclusions:
            name = catalog.conditions[x.condition].name
            found.append(
                Rule(
                    f"{stretch.id}/{x.condition}",
                    _present(x.condition),
                    "cleared-with-cautions",
                    _only(stretch.id, "excluded"),
                    _excluded_says(name, stretch.name, x.text),
                    source,
                )
            )
    return found


def _excluded_says(condition: str, stretch: str, quote: str) -> Callable[[Intake], str]:
    """'<condition>: <stretch> is excluded. The article says: “<its words>”'."""

    def said(_intake: Intake) -> str:
        text = _("{condition}: {stretch} is excluded. The article says: \u201c{quote}\u201d")
        return text.format(
            condition=catalog_text(condition),
            stretch=catalog_text(stretch),
            quote=catalog_text(quote),
        )

    return said


def _parq_text(intake: Intake) -> str:
    numbers = ", ".join(str(n + 1) for n, yes in enumerate(intake.parq) if yes)
    return _(
        "PAR-Q+: 'yes' to question {numbers}. Before starting, go through the PAR-Q+ "
        "follow-up with a qualified exercise professional or get written medical clearance."
    ).format(numbers=numbers)


def _parq_yes(intake: Intake) -> bool:
    return any(intake.parq)


def _parq_rules(cite: Mapping[str, str]) -> list[Rule]:
    """A PAR-Q+ 'yes' needs clearance, unless a clearance that counts covers it."""
    return [
        Rule(
            "par-q",
            lambda i: _parq_yes(i) and not i.cleared_for("par-q"),
            "needs-clearance",
            _all("excluded"),
            _parq_text,
            cite[PARQ],
            refer=True,
        ),
        Rule(
            "par-q/cleared",
            lambda i: _parq_yes(i) and i.cleared_for("par-q"),
            "cleared-with-cautions",
            _none,
            _fixed(N_("PAR-Q+: the 'yes' answers are covered by written medical clearance.")),
            cite[PARQ],
        ),
    ]


def _clearance_says(problem: str) -> Callable[[Intake], str]:
    return lambda i: i.clearance.problem_text(problem) if i.clearance is not None else ""


_TIMED = {
    "recent-surgery": N_(
        "The written clearance dated {day} does not count for the recent surgery: {problem}."
    ),
    "pregnancy": N_(
        "The written clearance dated {day} does not count for the pregnancy: {problem}."
    ),
}
"""What a clearance covers only when it was issued after it (see Intake.clearance_timing),
and how it is said when it was not."""


def clearance_timing_text(intake: Intake) -> str:
    """Why the clearance does not lift a recent surgery or a pregnancy, by when it was issued:
    'The written clearance dated 2026-02-01 does not count for the recent surgery: ...'
    ('' when it does, or covers neither)."""
    clearance = intake.clearance
    if clearance is None:
        return ""
    day = day_text(clearance.issued_on)
    return " ".join(
        _(said).format(day=day, problem=problem)
        for item, said in _TIMED.items()
        if (problem := intake.clearance_timing(item))
    )


def _clearance_rules(catalog: Catalog, cite: Mapping[str, str]) -> list[Rule]:
    """A written clearance more than 12 months old, naming no professional, or issued before
    what it would cover, lifts nothing (see Intake.cleared_for): the screening says why."""
    return [
        Rule(
            "clearance-timing",
            lambda i: bool(clearance_timing_text(i)),
            "cleared",
            _none,
            clearance_timing_text,
            cite[PARTNER],
            reading=_own(catalog, CLEARANCE_TIMING_READING),
        ),
        Rule(
            "clearance-too-old",
            lambda i: i.clearance is not None and not i.clearance.current_on(i.taken_on),
            "cleared",
            _none,
            _clearance_says(CLEARANCE_TOO_OLD),
            cite[PARQ],
        ),
        Rule(
            "clearance-unnamed",
            lambda i: i.clearance is not None and not i.clearance.named,
            "cleared",
            _none,
            _clearance_says(CLEARANCE_UNNAMED),
            cite[UPPER],
            reading=_own(catalog, N_("a clearance counts only when it names who issued it")),
        ),
    ]


def _injury_in_area(catalog: Catalog) -> Effect:
    def effect(intake: Intake, stretch: Stretch) -> Decision | None:
        hit = catalog.affected_parts(stretch) & (injured_parts(intake) - BACK_PARTS)
        return "excluded" if hit else None

    return effect


IN_THE_AREA = "Recent injuries (strains, sprains, fractures) in the area."
"""The upper back article's words on injuries (a catalog text, translated as the catalog's)."""


def _injury_text(catalog: Catalog) -> Callable[[Intake], str]:
    def said(intake: Intake) -> str:
        parts = ", ".join(
            _("{kind} ({part})").format(
                kind=i.kind if current_language() == "en" else injury_kind_text(i.kind),
                part=_part_text(i.body_part, catalog),
            )
            for i in intake.injuries
            if i.body_part not in BACK_PARTS
        )
        return _(
            "Recent injury: {parts}. Stretches that load that part or target a muscle lying in "
            "it are excluded. The article says: \u201c{quote}\u201d"
        ).format(parts=parts, quote=catalog_text(IN_THE_AREA))

    return said


def _fracture_text(catalog: Catalog) -> Callable[[Intake], str]:
    def said(intake: Intake) -> str:
        parts = ", ".join(_part_text(i.body_part, catalog) for i in trunk_fractures(intake))
        return _(
            "Recent fracture in the trunk ({parts}). Avoid partner stretching and refer to a "
            "healthcare professional. The article says: \u201c{quote}\u201d"
        ).format(parts=parts, quote=catalog_text(IN_THE_AREA))

    return said


def _injury_rules(catalog: Catalog, cite: Mapping[str, str]) -> list[Rule]:
    """An injury outside the back excludes what loads or targets it; a trunk fracture, all."""
    return [
        Rule(
            "injury-in-area",
            lambda i: bool(injured_parts(i) - BACK_PARTS),
            "cleared-with-cautions",
            _injury_in_area(catalog),
            _injury_text(catalog),
            cite[UPPER],
            reading=_own(catalog, N_("which stretches load or target each body part")),
        ),
        Rule(
            "trunk-fracture",
            lambda i: bool(trunk_fractures(i)),
            "do-not-stretch",
            _all("excluded"),
            _fracture_text(catalog),
            cite[UPPER],
            refer=True,
            reading=_own(catalog, N_("which parts make the trunk, and every stretch excluded")),
        ),
    ]


def _later_pregnancy(intake: Intake, stretch: Stretch) -> Decision | None:
    later = (intake.pregnancy_trimester or 0) >= 2
    risky = stretch.position == "supine" or stretch.id == "standing-backbend-assist"
    return "excluded" if later and risky else None


def _context_rules(catalog: Catalog, cite: Mapping[str, str]) -> list[Rule]:
    """Later pregnancy, no warm-up, hamstring tightness."""
    return [
        Rule(
            "pregnancy-later-trimester",
            lambda i: (i.pregnancy_trimester or 0) >= 2,
            "cleared-with-cautions",
            _later_pregnancy,
            _fixed(
                N_(
                    "Pregnancy, second or third trimester: supine stretches and the backbend "
                    "are excluded. The article says: \u201cCertain stretches may be "
                    "contraindicated, especially in later trimesters.\u201d"
                )
            ),
            cite[PARTNER],
            reading=_own(catalog, N_("which stretches are the \u201ccertain stretches\u201d")),
        ),
        Rule(
            "no-warm-up",
            lambda i: not i.warm_up_possible,
            "cleared-with-cautions",
            _all("caution"),
            _fixed(N_("No warm-up possible before stretching.")),
            cite[UPPER],
            modification=WARM_UP_MODIFICATION,
            reading=_own(catalog, N_("every stretch with caution, starting very gently")),
        ),
        Rule(
            "hamstring-tightness",
            _present("hamstring-tightness"),
            "cleared-with-cautions",
            lambda _i, s: "caution" if "hamstrings" in s.muscles() else None,
            _fixed(
                N_(
                    "Significant hamstring tightness. The article says the client may need to "
                    "slightly bend their knees."
                )
            ),
            cite[PARTNER],
            modification=HAMSTRING_MODIFICATION,
        ),
    ]


def _extra_rules(catalog: Catalog) -> list[Rule]:
    cite = {key: source.citation for key, source in catalog.sources.items()}
    return [
        *_parq_rules(cite),
        *_clearance_rules(catalog, cite),
        *_injury_rules(catalog, cite),
        *_context_rules(catalog, cite),
    ]


@cache
def rules(catalog: Catalog) -> tuple[Rule, ...]:
    """Every screening rule, each with its source: the catalog's, then the table's own
    (built once per catalog: screening runs on every answer a trainer types)."""
    general = [r for c in catalog.contraindications for r in _contraindication_rules(c, catalog)]
    return (*general, *_exclusion_rules(catalog), *_extra_rules(catalog))
