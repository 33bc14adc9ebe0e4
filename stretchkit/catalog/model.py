"""The values of the stretch catalog: stretches, vocabularies, guidance, contraindications."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from stretchkit.catalog.pose import Pose
from stretchkit.errors import ValidationError
from stretchkit.i18n import N_

__all__ = [
    "ACTIONS",
    "MOVEMENTS",
    "MOVEMENT_LABELS",
    "POSITIONS",
    "ROLES",
    "ROLE_LABELS",
    "BodyPart",
    "Catalog",
    "Condition",
    "Contraindication",
    "Exclusion",
    "Guideline",
    "HoldRange",
    "Muscle",
    "MuscleTarget",
    "Region",
    "RepRange",
    "Source",
    "Stretch",
    "ToClient",
]

Movement = Literal["flexion", "extension", "rotation", "retraction"]
Position = Literal["seated", "supine", "standing"]
Role = Literal["primary", "secondary", "strengthened"]
Action = Literal["avoid", "avoid-without-clearance", "caution", "stop-and-refer", "consult"]

MOVEMENTS: tuple[Movement, ...] = ("flexion", "extension", "rotation", "retraction")
POSITIONS: tuple[Position, ...] = ("seated", "supine", "standing")
ROLES: tuple[Role, ...] = ("primary", "secondary", "strengthened")
ACTIONS: tuple[Action, ...] = (
    "avoid",
    "avoid-without-clearance",
    "caution",
    "stop-and-refer",
    "consult",
)
MAX_HOLD_S = 600
MAX_REPS = 20
ROLE_LABELS: Mapping[Role, str] = {
    "primary": N_("Stretched (main)"),
    "secondary": N_("Stretched (secondary)"),
    "strengthened": N_("Works to hold the position"),
}
"""In English; shown through gettext (`_(ROLE_LABELS[role])`)."""
MOVEMENT_LABELS: Mapping[Movement, str] = {
    "flexion": "Flexion (rounding)",
    "extension": "Extension (arching)",
    "rotation": "Rotation (twisting)",
    "retraction": "Scapular retraction (chest opening)",
}


def _require_text(field: str, value: str) -> None:
    if not value.strip():
        raise ValidationError(field, value, "must not be empty")


@dataclass(frozen=True)
class HoldRange:
    """A hold time range in whole seconds, e.g. 20-30 s."""

    min_s: int
    max_s: int

    def __post_init__(self) -> None:
        if type(self.min_s) is not int or not 0 < self.min_s <= MAX_HOLD_S:
            raise ValidationError("hold_s", self.min_s, f"minimum must be 1-{MAX_HOLD_S} s")
        if type(self.max_s) is not int or not 0 < self.max_s <= MAX_HOLD_S:
            raise ValidationError("hold_s", self.max_s, f"maximum must be 1-{MAX_HOLD_S} s")
        if self.min_s > self.max_s:
            raise ValidationError(
                "hold_s", (self.min_s, self.max_s), "minimum is greater than maximum"
            )

    @property
    def text(self) -> str:
        """Display form: '20-30 s', or '30 s' when both ends agree."""
        if self.min_s == self.max_s:
            return f"{self.min_s} s"
        return f"{self.min_s}-{self.max_s} s"


@dataclass(frozen=True)
class RepRange:
    """How many repetitions of a stretch, e.g. 2-3."""

    min_reps: int
    max_reps: int

    def __post_init__(self) -> None:
        ends = (self.min_reps, self.max_reps)
        if not all(type(end) is int for end in ends) or not 0 < ends[0] <= ends[1] <= MAX_REPS:
            raise ValidationError(
                "reps", ends, f"must be whole numbers 1-{MAX_REPS} with minimum <= maximum"
            )

    @property
    def text(self) -> str:
        """Display form: '2-3', or '2' when both ends agree."""
        if self.min_reps == self.max_reps:
            return str(self.min_reps)
        return f"{self.min_reps}-{self.max_reps}"


@dataclass(frozen=True)
class Source:
    """Where a stretch, rule or figure comes from: a seed article, established guidance, or
    stretchkit's own reading where neither states it."""

    id: str
    title: str
    kind: Literal["article", "guidance", "own-reading"]
    author: str = ""
    file: str = ""

    @property
    def citation(self) -> str:
        """Short human-readable citation, e.g. 'Upper Back Stretches ... (Alex)'."""
        return f"{self.title} ({self.author})" if self.author else self.title


@dataclass(frozen=True)
class Muscle:
    """A muscle of the controlled vocabulary; `view` says where the muscle map draws it, `parts`
    the body parts (catalog body-part ids) it lies in, for injury screening."""

    id: str
    name: str
    view: Literal["back", "front", "both"]
    description: str
    parts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Region:
    """A body region a stretch works on, e.g. the upper back."""

    id: str
    name: str


@dataclass(frozen=True)
class BodyPart:
    """A body part the partner's force can load; injury screening matches on these."""

    id: str
    name: str


@dataclass(frozen=True)
class Condition:
    """A health condition named by an article (contraindication or stretch exclusion)."""

    id: str
    name: str


@dataclass(frozen=True)
class MuscleTarget:
    """One muscle a stretch works, and how: stretched (primary/secondary) or strengthened."""

    muscle: str
    role: Role


@dataclass(frozen=True)
class Exclusion:
    """A condition for which an article says a particular stretch is not suitable."""

    condition: str
    text: str


@dataclass(frozen=True)
class Contraindication:
    """A general reason to avoid (or be careful with) partner stretching, with its source."""

    condition: str
    action: Action
    source: str
    text: str


@dataclass(frozen=True)
class Guideline:
    """A piece of general guidance (warm-up, hold time, breathing...) with its source(s)."""

    id: str
    title: str
    text: str
    sources: tuple[str, ...]
    low: float | None = None
    high: float | None = None
    unit: str = ""
    items: tuple[str, ...] = ()

    @property
    def range_text(self) -> str:
        """The figure of the guideline as text: '5-10 min', '60 s', or '' if it has none."""
        if self.low is None and self.high is None:
            return ""
        ends = [f"{v:g}" for v in (self.low, self.high) if v is not None]
        if len(ends) == 2 and ends[0] == ends[1]:
            ends = ends[:1]
        return "-".join(ends) + (f" {self.unit}" if self.unit else "")


@dataclass(frozen=True)
class ToClient:
    """A stretch said to the client ("you") on their own page: their part, their partner's,
    and the steps, in stretchkit's wording of the article (which says "the stretchee")."""

    role: str
    partner_role: str
    partner_position: str
    steps: tuple[str, ...]

    def __post_init__(self) -> None:
        for field in ("role", "partner_role", "partner_position"):
            _require_text(f"to_client.{field}", getattr(self, field))
        if not self.steps or not all(isinstance(t, str) and t.strip() for t in self.steps):
            raise ValidationError("to_client.steps", self.steps, "must list the steps as text")


@dataclass(frozen=True)
class Stretch:
    """One partner-assisted stretch as its source article describes it."""

    id: str
    name: str
    also_called: str
    source: str
    article_number: int
    region: str
    movement: Movement
    position: Position
    purpose: str
    targets: tuple[MuscleTarget, ...]
    partner_role: str
    partner_position: str
    client_role: str
    client_position: str
    steps: tuple[str, ...]
    cautions: tuple[str, ...]
    hold: HoldRange
    reps: RepRange
    reps_source: str
    per_side: bool
    loads: tuple[str, ...]
    cues: tuple[str, ...]
    exclusions: tuple[Exclusion, ...] = ()
    modifications: tuple[str, ...] = ()
    pose: Pose | None = None
    """Both people in the start and the stretched position, and the partner's contacts."""
    client_wording: tuple[tuple[str, str], ...] = ()
    """Each safety note (caution, exclusion, modification) as the article says it, paired with
    the same note said to the client ("you"), for the client's own pages."""
    to_client: ToClient | None = None
    """The client's and the partner's parts and the steps said to the client, when written."""

    def __post_init__(self) -> None:
        for field in ("id", "name", "purpose", "partner_role", "client_position"):
            _require_text(field, getattr(self, field))
        if not self.steps:
            raise ValidationError("steps", self.steps, "a stretch needs at least one step")
        if not self.targets:
            raise ValidationError("targets", self.targets, "a stretch needs a target muscle")

    @property
    def safety_notes(self) -> tuple[str, ...]:
        """Every safety note of the stretch in the article's words: its common mistakes and
        safety notes, whom it does not suit, then how to adapt it (each said once)."""
        said = (*self.cautions, *(x.text for x in self.exclusions), *self.modifications)
        return tuple(dict.fromkeys(said))

    def for_client(self, note: str) -> str:
        """A safety note said to the client ("you"); a note without such wording as it is."""
        return dict(self.client_wording).get(note, note)

    def muscles(self, *roles: Role) -> tuple[str, ...]:
        """Muscle ids worked by this stretch, optionally only those of the given roles."""
        wanted = roles or ROLES
        return tuple(t.muscle for t in self.targets if t.role in wanted)

    @property
    def prescription_text(self) -> str:
        """The article's prescription: '20-30 s x 2-3, each side'."""
        text = f"{self.hold.text} x {self.reps.text}"
        return f"{text}, each side" if self.per_side else text


@dataclass(frozen=True, eq=False)
class Catalog:
    """All stretches, vocabularies and guidance, cross-checked at load (equal only to itself)."""

    path: str
    sources: Mapping[str, Source]
    muscles: Mapping[str, Muscle]
    regions: Mapping[str, Region]
    body_parts: Mapping[str, BodyPart]
    conditions: Mapping[str, Condition]
    guidelines: Mapping[str, Guideline]
    contraindications: tuple[Contraindication, ...]
    stretches: tuple[Stretch, ...]

    def stretch(self, stretch_id: str) -> Stretch:
        """The stretch with this id; an unknown id raises an error naming it."""
        for s in self.stretches:
            if s.id == stretch_id:
                return s
        raise ValidationError("stretch", stretch_id, "no stretch with this id in the catalog")

    def guideline(self, guideline_id: str) -> Guideline:
        """The guideline with this id; an unknown id raises an error naming it."""
        try:
            return self.guidelines[guideline_id]
        except KeyError:
            raise ValidationError("guideline", guideline_id, "no such guideline") from None

    def affected_parts(self, stretch: Stretch) -> frozenset[str]:
        """The body parts a stretch loads or targets: its `loads` and the parts its muscles
        lie in (a recent injury of any of them excludes the stretch)."""
        muscles = (self.muscles[m].parts for m in stretch.muscles() if m in self.muscles)
        return frozenset(stretch.loads).union(*muscles)

    def source_of(self, item: Stretch | Contraindication) -> Source:
        """The source (article or guidance) a stretch or contraindication comes from."""
        return self.sources[item.source]

    def filter(
        self,
        *,
        region: str | None = None,
        movement: str | None = None,
        position: str | None = None,
        muscle: str | None = None,
    ) -> tuple[Stretch, ...]:
        """The stretches matching every given criterion (None means any)."""
        return tuple(
            s
            for s in self.stretches
            if (region is None or s.region == region)
            and (movement is None or s.movement == movement)
            and (position is None or s.position == position)
            and (muscle is None or muscle in s.muscles())
        )
