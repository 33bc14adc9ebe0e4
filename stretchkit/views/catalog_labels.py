"""The catalog's short labels (regions, movements, positions, conditions, what to do about a
contraindication) in the reader's language. The catalog keeps them in English; each is
marked here for the message catalogue, and one the catalogue does not know is shown as the
catalog has it."""

from __future__ import annotations

from stretchkit.catalog import Catalog, Stretch
from stretchkit.i18n import N_, _, pgettext

__all__ = [
    "ACTION_LABELS",
    "KNOWN",
    "action_label",
    "catalog_labels",
    "condition_name",
    "movement_label",
    "position_label",
    "region_name",
]

_REGIONS = (
    N_("Upper back (thoracic spine)"),
    N_("Mid-back"),
    N_("Lower back (lumbar spine)"),
    N_("Front of the trunk (abdomen and hip flexors)"),
)
_MOVEMENTS = {
    "flexion": N_("Flexion (rounding)"),
    "extension": N_("Extension (arching)"),
    "rotation": N_("Rotation (twisting)"),
    "retraction": N_("Scapular retraction (chest opening)"),
}
_CONDITIONS = (
    N_("Recent or acute injury (strain, sprain or fracture)"),
    N_("Acute pain or inflammation"),
    N_("Severe pain (sharp, radiating or persistent)"),
    N_("Osteoporosis or other bone density issues"),
    N_("Spinal fusion"),
    N_("Disc herniation or other disc issues"),
    N_("Other severe spinal condition"),
    N_("Recent surgery (especially back or hip surgery)"),
    N_("Generalized joint hypermobility"),
    N_("Numbness or tingling"),
    N_("Pregnancy"),
    N_("Significant lower back pain"),
    N_("Stretching advised against by a healthcare professional"),
    N_("Significant hamstring tightness"),
)
"""The catalog's regions and conditions, listed for the message catalogue
(tests/test_workbook_progress_links_languages.py checks the lists against the catalog)."""
ACTION_LABELS = {
    "avoid": N_("Avoid partner stretching"),
    "avoid-without-clearance": N_("Avoid without medical clearance"),
    "caution": N_("Be cautious"),
    "stop-and-refer": N_("Stop and refer to a healthcare professional"),
    "consult": N_("Consult a healthcare professional"),
}
"""What a contraindication asks, in English (shown through `action_label`)."""


def region_name(catalog: Catalog, region_id: str) -> str:
    """The body region's name, in the current language."""
    return _(catalog.regions[region_id].name)


def movement_label(movement: str) -> str:
    """'Flexion (rounding)', in the current language."""
    return _(_MOVEMENTS.get(movement, movement))


def position_label(position: str) -> str:
    """'Seated', 'Supine' or 'Standing', in the current language."""
    labels = {
        "seated": pgettext("position", "Seated"),
        "supine": pgettext("position", "Supine"),
        "standing": pgettext("position", "Standing"),
    }
    return labels.get(position, position.capitalize())


def condition_name(catalog: Catalog, condition_id: str) -> str:
    """A condition's name, in the current language."""
    return _(catalog.conditions[condition_id].name)


def action_label(action: str) -> str:
    """What a contraindication asks the trainer to do, in the current language."""
    return _(ACTION_LABELS[action])


def catalog_labels(catalog: Catalog) -> tuple[str, ...]:
    """Every label of the catalog this module translates (for a test to compare)."""
    stretches: tuple[Stretch, ...] = catalog.stretches
    return (
        *(r.name for r in catalog.regions.values()),
        *(c.name for c in catalog.conditions.values()),
        *(_MOVEMENTS[s.movement] for s in stretches),
    )


KNOWN = frozenset((*_REGIONS, *_CONDITIONS, *_MOVEMENTS.values()))
"""The labels marked here, in English."""
