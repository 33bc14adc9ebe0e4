"""The trainer's client list as use cases: find, add, edit, archive, restore and delete a
client, and say what a delete would remove. Each change is announced on the app's hub."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from stretchkit.clients import Client, ClientDetails, ClientFootprint
from stretchkit.i18n import _
from stretchkit.services.access_record import logged
from stretchkit.services.events import ClientEvents, announce
from stretchkit.store.protocol import ProgressStore
from stretchkit.store.values import Handover

__all__ = [
    "DeletePreview",
    "add_client",
    "archive_client",
    "delete_client",
    "edit_client",
    "find_clients",
    "get_client",
    "hand_over_client",
    "matches",
    "pickable_clients",
    "preview_delete",
    "restore_client",
]


def matches(client: Client, search: str) -> bool:
    """True when every word searched for is in the client's name, contact or either note (case
    ignored); an empty search matches everyone."""
    d = client.details
    haystack = " ".join((client.name, d.contact, d.notes, d.client_note)).casefold()
    return all(word in haystack for word in search.casefold().split())


def find_clients(store: ProgressStore, search: str = "", archived: bool = False) -> list[Client]:
    """The clients matching `search`, by name; archived ones only when `archived` is True."""
    everyone = store.clients.all() if archived else store.clients.active()
    return [c for c in everyone if matches(c, search)]


def pickable_clients(store: ProgressStore) -> list[Client]:
    """The clients a picker offers: everyone not archived, by name."""
    return store.clients.active()


@logged("client-viewed")
def get_client(store: ProgressStore, client_id: int) -> Client:
    """The client with this id; an unknown id raises an error naming it."""
    return store.clients.get(client_id)


@logged("client-added", client=lambda c: c.id)
def add_client(
    store: ProgressStore, details: ClientDetails, events: ClientEvents | None = None
) -> Client:
    """Store a new client and announce them."""
    client = store.clients.add(details)
    announce(events, client.id, "added")
    return client


@logged("client-edited")
def edit_client(
    store: ProgressStore, client_id: int, details: ClientDetails, events: ClientEvents | None = None
) -> Client:
    """Store a client's changed name, contact and notes, and announce it."""
    client = store.clients.update(client_id, details)
    announce(events, client.id, "edited")
    return client


@logged("client-archived")
def archive_client(
    store: ProgressStore,
    client_id: int,
    events: ClientEvents | None = None,
    at: datetime | None = None,
) -> Client:
    """Hide a client from the pickers and the attention list, keeping everything about them."""
    client = store.clients.archive(client_id, at)
    announce(events, client.id, "archived")
    return client


@logged("client-restored")
def restore_client(
    store: ProgressStore, client_id: int, events: ClientEvents | None = None
) -> Client:
    """Make an archived client active again."""
    client = store.clients.restore(client_id)
    announce(events, client.id, "restored")
    return client


@dataclass(frozen=True)
class DeletePreview:
    """What deleting a client would remove, before anything is removed."""

    client: Client
    footprint: ClientFootprint

    @property
    def text(self) -> str:
        """The client's details and everything recorded about them, in plain words."""
        return _("their details, {counts}").format(counts=self.footprint.described())


@logged("client-viewed")
def preview_delete(store: ProgressStore, client_id: int) -> DeletePreview:
    """Count what deleting this client would remove (nothing is removed)."""
    client = store.clients.get(client_id)
    return DeletePreview(client, store.clients.footprint(client.id))


@logged("client-deleted")
def delete_client(
    store: ProgressStore, client_id: int, events: ClientEvents | None = None
) -> Client:
    """Delete a client with everything about them; returns the client as they were."""
    client = store.clients.get(client_id)
    store.clients.delete(client.id)
    announce(events, client.id, "deleted")
    return client


def hand_over_client(
    store: ProgressStore, client_id: int, to_username: str, events: ClientEvents | None = None
) -> Handover:
    """Make another trainer the client's trainer (an admin's task), kept in the client's
    history and in the access log (naming the trainer they went to)."""
    with store.access_log.recorded("client-handed-over", client_id, f"to {to_username}"):
        done = store.trainers.hand_over(client_id, to_username)
    announce(events, client_id, "edited")
    return done
