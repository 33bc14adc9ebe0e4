"""What a client's routine handout says, as plain values: the cover, the routine, the trainer's
note, the safety rules, the guidance for while they stretch, and one page per stretch.

No drawing here (see `page_factories` for how it is set on the page): every text comes from
the routine and the catalog, so the handout says what the workbook and the dashboard say.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from stretchkit.catalog import ROLE_LABELS, ROLES, Catalog, Stretch
from stretchkit.catalog.translations import catalog_text
from stretchkit.i18n import _, current_language
from stretchkit.i18n.formatting import format_day
from stretchkit.planning.planner import session_minutes
from stretchkit.planning.prescription import Prescription
from stretchkit.planning.routine import Routine, RoutineItem
from stretchkit.planning.safety_notes import safety_notes
from stretchkit.planning.step_plan import HOLD_STEP, plan_words, steps_with_plan
from stretchkit.plurals import counted

__all__ = [
    "GUIDANCE_IDS",
    "Advice",
    "Cover",
    "Guidance",
    "HandoutContent",
    "Listed",
    "Role",
    "RoutineSummary",
    "SafetyRules",
    "StretchContent",
    "footer_text",
    "handout_content",
    "long_date",
    "stretch_content",
]

GUIDANCE_IDS = ("breathing", "communication", "gradual-progression")
"""The catalog's guidelines the handout repeats under 'While you stretch'."""


@dataclass(frozen=True)
class Listed:
    """A heading and the items listed under it."""

    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Guidance:
    """A heading, what it says, and where it comes from ('' when it needs no source)."""

    title: str
    text: str
    source: str = ""


@dataclass(frozen=True)
class Advice:
    """A heading and the guidance under it."""

    title: str
    guides: tuple[Guidance, ...]


@dataclass(frozen=True)
class Cover:
    """The handout's first lines: its title, whom it is for and when it was made."""

    title: str
    client: str
    made: str


@dataclass(frozen=True)
class RoutineSummary:
    """The routine at a glance: how many stretches and minutes, each stretch, the warm-up."""

    title: str
    headline: str
    stretches: tuple[str, ...]
    warm_up: str


@dataclass(frozen=True)
class SafetyRules:
    """'Stay safe': no pain, what to do on pain, numbness or tingling, when to see a
    healthcare professional, and that the handout is not medical advice."""

    title: str
    no_pain: str
    flag: Guidance
    refer: Listed
    refer_text: str
    disclaimer: str
    source: str


@dataclass(frozen=True)
class Role:
    """What one of the two people does in a stretch, and where they are."""

    title: str
    role: str
    position: str


@dataclass(frozen=True)
class StretchContent:
    """One stretch of the routine: the client's own hold, why it is planned, the muscles,
    every safety note said to the client, both roles, then how to set it up."""

    number: int
    stretch_id: str
    title: str
    also_called: str
    hold: str
    hold_caption: str
    rest_and_range: str
    why: Guidance
    muscles: Listed
    take_care: Listed
    client: Role
    partner: Role
    setup_title: str
    has_picture: bool
    steps: Listed
    cues: Listed
    source: str


@dataclass(frozen=True)
class HandoutContent:
    """Everything the handout says, in the order it says it."""

    cover: Cover
    summary: RoutineSummary
    note: Guidance | None
    safety: SafetyRules
    while_stretching: Advice
    stretches: tuple[StretchContent, ...]
    footer: str


def long_date(day: date) -> str:
    """'2 March 2026' style, in the current language."""
    return format_day(day)


def _made_on(day: date) -> str:
    """'Made on 2 March 2026', and in another language that the texts are stretchkit's
    translation of the English sources."""
    made = _("Made on {day}").format(day=long_date(day))
    if current_language() == "en":
        return made
    return f"{made} \u00b7 {_('Translated by stretchkit from the English source.')}"


def footer_text(client_name: str, made_on: date) -> str:
    """The line at the foot of every page of the client's report."""
    said = _("Your stretching routine")
    return f"{said} \u00b7 {client_name} \u00b7 {long_date(made_on)}"


def _warm_up_line(routine: Routine, catalog: Catalog) -> str:
    guide = catalog.guideline("warm-up")
    text = catalog_text(guide.text)
    if routine.warm_up_min:
        said = _("Warm-up: {minutes} first. {guidance}")
        return said.format(minutes=counted(routine.warm_up_min, "minute"), guidance=text)
    said = _("Warm-up: not part of the session, so warm up before you start. {guidance}")
    return said.format(guidance=text)


def _summary(routine: Routine, catalog: Catalog) -> RoutineSummary:
    minutes = round(session_minutes(routine, catalog))
    headline = _("{stretches}, about {minutes} a session with the warm-up, {days} a week.").format(
        stretches=counted(len(routine.items), "stretch"),
        minutes=counted(minutes, "minute"),
        days=counted(routine.days_per_week, "day"),
    )
    stretches = tuple(
        f"{catalog_text(catalog.stretch(i.stretch_id).name)}: {i.prescription.text}"
        for i in routine.items
    )
    said = _("Your routine")
    return RoutineSummary(said, headline, stretches, _warm_up_line(routine, catalog))


def _cited(catalog: Catalog, source_ids: Sequence[str]) -> str:
    names = "; ".join(catalog.sources[s].citation for s in dict.fromkeys(source_ids))
    return _("Source: {names}").format(names=names)


def _steps(stretch: Stretch, rx: Prescription) -> tuple[str, ...]:
    """The article's steps with the client's plan beside the hold step: in English right
    after the article's hold time, in a translation at the end of that step."""
    if current_language() == "en":
        return steps_with_plan(stretch, rx)
    beside = _(" (your plan: {plan}; the article: {article})").format(
        plan=plan_words(rx), article=stretch.hold.text
    )
    return tuple(
        catalog_text(step) + (beside if HOLD_STEP.search(step) else "") for step in stretch.steps
    )


def _safety(catalog: Catalog) -> SafetyRules:
    no_pain = catalog.guideline("no-pain")
    stop = catalog.guideline("stop-and-tell")
    refer = catalog.guideline("seek-professional-guidance")
    t = catalog_text
    return SafetyRules(
        _("Stay safe"),
        t(no_pain.text),
        Guidance(t(stop.title), t(stop.text), _cited(catalog, stop.sources)),
        Listed(_("See a healthcare professional if"), tuple(t(i) for i in refer.items)),
        t(refer.text),
        _("This handout is fitness guidance, not medical advice."),
        _cited(catalog, (*no_pain.sources, *stop.sources, *refer.sources)),
    )


def _while_stretching(catalog: Catalog) -> Advice:
    guides = [catalog.guideline(guide_id) for guide_id in GUIDANCE_IDS]
    cited = tuple(
        Guidance(catalog_text(g.title), catalog_text(g.text), _cited(catalog, g.sources))
        for g in guides
    )
    return Advice(_("While you stretch"), cited)


def _muscles(stretch: Stretch, catalog: Catalog) -> Listed:
    rows = []
    for role in ROLES:
        names = [catalog_text(catalog.muscles[m].name) for m in stretch.muscles(role)]
        if names:
            rows.append(f"{_(ROLE_LABELS[role])}: {', '.join(names)}")
    return Listed(_("Muscles"), tuple(rows))


def _source_line(stretch: Stretch, catalog: Catalog) -> str:
    line = _("Source: {title}, stretch {number}").format(
        title=catalog.source_of(stretch).citation, number=stretch.article_number
    )
    line += "."
    if stretch.reps_source != stretch.source:
        reps = _("Repetitions: {source}.")
        line += " " + reps.format(source=catalog.sources[stretch.reps_source].citation)
    return line


def _roles(stretch: Stretch) -> tuple[Role, Role]:
    t, where = catalog_text, _("Position:")
    you, partner = _("You (the client)"), _("Your partner")
    return (
        Role(you, t(stretch.client_role), f"{where} {t(stretch.client_position)}"),
        Role(partner, t(stretch.partner_role), f"{where} {t(stretch.partner_position)}"),
    )


def stretch_content(number: int, entry: RoutineItem, catalog: Catalog) -> StretchContent:
    """What the handout says about the routine's `number`th stretch, for this client."""
    stretch = catalog.stretch(entry.stretch_id)
    rx = entry.prescription
    t, name = catalog_text, catalog_text(stretch.name)
    rest = _("Rest {seconds} s between holds.").format(seconds=rx.rest_s) + " " if rx.rest_s else ""
    also = (
        _("Also called: {name}").format(name=t(stretch.also_called)) if stretch.also_called else ""
    )
    client, partner = _roles(stretch)
    # the planner's reason is kept in English with the routine: other languages give the purpose
    why = entry.why if current_language() == "en" else ""
    notes = safety_notes(stretch, entry.cautions, "client")
    return StretchContent(
        number=number,
        stretch_id=stretch.id,
        title=f"{number}. {name}",
        also_called=also,
        hold=rx.text,
        hold_caption=_("hold x repetitions"),
        rest_and_range=rest + _("Safe hold range for you: {range}.").format(range=rx.bounds.text),
        why=Guidance(_("Why it is in your routine"), why or t(stretch.purpose)),
        muscles=_muscles(stretch, catalog),
        take_care=Listed(_("Take care"), tuple(t(n) for n in notes)),
        client=client,
        partner=partner,
        setup_title=_("{title}: how to set it up").format(title=f"{number}. {name}"),
        has_picture=stretch.pose is not None,
        steps=Listed(_("Steps"), _steps(stretch, rx)),
        cues=Listed(
            _("Say and ask during the stretch"), tuple(catalog_text(c) for c in stretch.cues)
        ),
        source=_source_line(stretch, catalog),
    )


def handout_content(
    routine: Routine,
    catalog: Catalog,
    *,
    client_name: str,
    trainer_notes: str = "",
    made_on: date,
) -> HandoutContent:
    """Everything the routine handout says for this client, in order."""
    note = trainer_notes.strip()
    return HandoutContent(
        cover=Cover(
            _("Your stretching routine"),
            _("For {name}").format(name=client_name),
            _made_on(made_on),
        ),
        summary=_summary(routine, catalog),
        note=Guidance(_("Notes from your trainer"), note) if note else None,
        safety=_safety(catalog),
        while_stretching=_while_stretching(catalog),
        stretches=tuple(
            stretch_content(n, entry, catalog) for n, entry in enumerate(routine.items, 1)
        ),
        footer=footer_text(client_name, made_on),
    )
