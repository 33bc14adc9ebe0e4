"""The client's own copy reads the store the same way on both engines: the sessions a batch at
a time, in order, and every one of them in the ZIP."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime

from stretchkit.demo.seeding import seed_demo_data
from stretchkit.services.client_copy import client_copy_bytes
from stretchkit.store import Store
from tests.today import TODAY

ENGINE_PARITY = True


def test_sessions_read_in_batches_are_the_whole_history_and_all_in_the_copy(store: Store) -> None:
    """Read 5 sessions at a time, a client's sessions are those read whole, and the copy's
    JSON holds each of them with its holds."""
    seed_demo_data(store, today=TODAY)
    client = store.clients.all()[0].id
    whole = store.history.of_client(client)
    assert tuple(store.history.sessions_of(client, batch=5)) == whole.sessions
    data, counts = client_copy_bytes(store, client, made_at=datetime(2026, 6, 3, tzinfo=UTC))
    written = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("my-data.json"))
    assert len(written["sessions"]) == len(whole.sessions) == counts.rows["sessions"]
    assert sum(len(s["holds"]) for s in written["sessions"]) == whole.hold_count
