"""How a service leaves its access-log entry: `@logged(kind)` runs it inside one recording of
the store's access log (one transaction; one entry when it succeeds, none when it fails or
when the client is not the store's to see). A service called by another adds no entry of
its own: the outer one speaks for the whole use."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar, cast

from stretchkit.store.protocol import ProgressStore

__all__ = ["logged"]

P = ParamSpec("P")
R = TypeVar("R")

ClientOf = Callable[[Any], int]
"""Where the client's number is read from the result, for a use that learns it on the way
(a new client, a revoked link)."""


def _store_of(arguments: dict[str, object]) -> ProgressStore:
    if "store" in arguments:
        return cast(ProgressStore, arguments["store"])
    holder: Any = arguments["self"]
    return cast(ProgressStore, holder.store)


def _client_in(arguments: dict[str, object], client: str) -> int | None:
    """The argument named `client`, or an attribute of one ('shown.client_id')."""
    name, _, attribute = client.partition(".")
    found = arguments.get(name)
    if attribute:
        found = getattr(found, attribute, None)
    return found if isinstance(found, int) else None


def logged(
    kind: str, client: str | ClientOf = "client_id"
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Record each use of the service as one entry of `kind` about the client named by the
    argument `client` ('client_id', or an attribute of an argument: 'shown.client_id'), or
    read from the result when `client` is a function."""

    def decorate(service: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(service)

        @functools.wraps(service)
        def recorded(*args: P.args, **kwargs: P.kwargs) -> R:
            bound = signature.bind(*args, **kwargs).arguments
            known = _client_in(bound, client) if isinstance(client, str) else None
            with _store_of(bound).access_log.recorded(kind, known) as entry:
                result = service(*args, **kwargs)
                if not isinstance(client, str):
                    entry.client_id = client(result)
                return result

        recorded.access_kind = kind  # type: ignore[attr-defined]
        return recorded

    return decorate
