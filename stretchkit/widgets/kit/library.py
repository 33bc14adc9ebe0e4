"""The stretch library: filter the catalog, pick a stretch, read its how-to and muscle map."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from stretchkit.catalog import Catalog, Stretch, default_catalog
from stretchkit.catalog.model import ROLE_LABELS, Role
from stretchkit.catalog.translations import catalog_text
from stretchkit.i18n import _, current_language, ngettext, pgettext
from stretchkit.views.catalog_labels import movement_label, position_label, region_name
from stretchkit.views.html_parts import png_img_html
from stretchkit.views.stretch_card_html import stretch_card_html
from stretchkit.widgets.kit.panel import Panel

__all__ = ["StretchLibrary", "muscle_map_alt", "muscle_map_html", "muscle_map_png"]


def muscle_map_png(stretch: Stretch, catalog: Catalog, *, palette: bool = False) -> bytes:
    """The stretch's muscle map as PNG bytes in the current language, kept per language
    (with `palette`, in 256 colours: for phones)."""
    from stretchkit.charts.muscle_map import stretch_muscle_map_png  # noqa: PLC0415 - to draw

    return stretch_muscle_map_png(stretch, catalog, titled=True, palette=palette)


def _lowered(label: str) -> str:
    """A label in the middle of a sentence: lower case, except in German (nouns keep their
    capital there)."""
    return label if current_language() == "de" else label.lower()


def muscle_map_alt(stretch: Stretch, catalog: Catalog) -> str:
    """What the muscle map shows: 'Muscles worked by the Seated Rotation, on a back and a
    front view of the body: primary: obliques; secondary: ...'."""
    by_role: dict[Role, list[str]] = {}
    for target in stretch.targets:
        by_role.setdefault(target.role, []).append(catalog.muscles[target.muscle].name)
    roles = "; ".join(
        f"{_lowered(_(ROLE_LABELS[role]))}: {', '.join(catalog_text(n) for n in names)}"
        for role, names in by_role.items()
    )
    said = _("Muscles worked by the {stretch}, on a back and a front view of the body: {roles}")
    return said.format(stretch=catalog_text(stretch.name), roles=roles)


def muscle_map_html(stretch: Stretch, catalog: Catalog, png: bytes) -> str:
    """The muscle map as an <img> with its text alternative, scaled to the screen."""
    return png_img_html(
        png,
        f"sk-muscle-map sk-map-{stretch.id}",
        muscle_map_alt(stretch, catalog),
        "width: 100%; max-width: 420px; height: auto; display: block;",
    )


def _options(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(pgettext("filter", "Any"), ""), *pairs]


def _chosen(dropdown: w.Dropdown) -> str | None:
    """A filter's value, None for Any."""
    return dropdown.value or None


class StretchLibrary(Panel):
    """Filters on top, the matching stretches in a list, the chosen stretch's card below."""

    css = ("sk-library",)

    def __init__(self, catalog: Catalog | None = None) -> None:
        self.catalog = catalog or default_catalog()
        c = self.catalog
        regions = [(region_name(c, r), r) for r in c.regions]
        self.region = self._filter("region", _("Region"), regions)
        movements = sorted({s.movement for s in c.stretches})
        self.movement = self._filter(
            "movement", _("Movement"), [(movement_label(m), m) for m in movements]
        )
        positions = sorted({s.position for s in c.stretches})
        self.position = self._filter(
            "position", pgettext("filter", "Position"), [(position_label(p), p) for p in positions]
        )
        used = {m for s in c.stretches for m in s.muscles()}
        muscles = sorted((catalog_text(c.muscles[m].name), m) for m in used)
        self.muscle = self._filter("muscle", _("Muscle"), muscles)
        self.stretch = w.Dropdown(
            description=pgettext("noun", "Stretch"),
            layout=w.Layout(width="100%", max_width="480px"),
        )
        self.stretch.add_class("sk-stretch-picker")
        self.count = w.HTML().add_class("sk-count")
        self.card = w.HTML().add_class("sk-card-view")
        self.picture = w.HTML(layout=w.Layout(flex="0 1 520px", min_width="0"))
        self.picture.add_class("sk-muscle-map-box")
        self.stretch.observe(self._show, names="value")
        filters = w.HBox(
            [self.region, self.movement, self.position, self.muscle],
            layout=w.Layout(flex_flow="row wrap"),
        ).add_class("sk-filters")
        self.card.layout = w.Layout(flex="1 1 420px", min_width="0")
        details = w.HBox(
            [self.card, self.picture],
            layout=w.Layout(flex_flow="row wrap", align_items="flex-start"),
        )
        super().__init__([filters, self.count, self.stretch, details])
        self._refilter()

    def _filter(self, name: str, label: str, pairs: list[tuple[str, str]]) -> w.Dropdown:
        dropdown = w.Dropdown(options=_options(pairs), value="", description=label)
        dropdown.add_class(f"sk-filter-{name}")
        dropdown.observe(lambda _change: self._refilter(), names="value")
        return dropdown

    def matching(self) -> tuple[Stretch, ...]:
        """The stretches that pass the current filters."""
        return self.catalog.filter(
            region=_chosen(self.region),
            movement=_chosen(self.movement),
            position=_chosen(self.position),
            muscle=_chosen(self.muscle),
        )

    def _refilter(self) -> None:
        found = self.matching()
        total = len(self.catalog.stretches)
        said = ngettext(
            "{count} of {total} stretch matches", "{count} of {total} stretches match", total
        )
        self.count.value = escape(said.format(count=len(found), total=total))
        current = self.stretch.value
        self.stretch.options = [(catalog_text(s.name), s.id) for s in found]
        ids = [s.id for s in found]
        self.stretch.value = current if current in ids else (ids[0] if ids else None)
        self._show()

    def _show(self, _change: object = None) -> None:
        if self.stretch.value is None:
            said = _("No stretch matches these filters. Set a filter back to Any.")
            self.card.value = f"<p>{escape(said)}</p>"
            self.picture.layout.display = "none"
            return
        s = self.catalog.stretch(self.stretch.value)
        self.picture.value = muscle_map_html(s, self.catalog, muscle_map_png(s, self.catalog))
        self.picture.layout.display = None
        self.card.value = stretch_card_html(s, self.catalog)

    def select(self, stretch_id: str) -> None:
        """Show one stretch, clearing filters that would hide it."""
        for dropdown in (self.region, self.movement, self.position, self.muscle):
            dropdown.value = ""
        self.stretch.value = self.catalog.stretch(stretch_id).id
