"""Clients a browser test adds for itself: a demo client's story (their screening, goals,
routine and months of history, as `stretchkit demo` adds it) under a name of the test's own,
so a test runs alone or in any order on a store or server its module shares."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from stretchkit.catalog import default_catalog
from stretchkit.demo.seeding import add_synthetic_client, demo_story_client
from stretchkit.services.client_links import create_link
from stretchkit.store import Store
from tests.today import clock_today

__all__ = ["add_story_client", "add_story_client_with_link"]


def add_story_client(
    db: Path, name: str, like: str, today: date | None = None, language: str = ""
) -> int:
    """Add `name` to the store at `db` with the story of the demo client `like`, up to
    `today` (the servers' own day by default: they date what they show by their clock), in
    `language` ('' by default: their page follows the browser's, English in the tests,
    whatever language the demo gives `like`); return the new client's id."""
    story = demo_story_client(like, today or clock_today())
    named = replace(story, details=replace(story.details, name=name, language=language))
    with Store.open(db) as store:
        add_synthetic_client(store, default_catalog(), named)
        return next(c.id for c in store.clients.all() if c.name == name)


def add_story_client_with_link(
    db: Path, name: str, like: str, base_url: str, language: str = ""
) -> str:
    """Add `name` as `add_story_client` does and make their personal link on the dashboard
    at `base_url`; return the link."""
    client_id = add_story_client(db, name, like, language=language)
    with Store.open(db) as store:
        return create_link(store, client_id, base_url, "phone").url
