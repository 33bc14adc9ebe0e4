"""Personal client links: a secret token in the dashboard's URL opens one client's dashboard.

The store keeps only a SHA-256 digest of each token; the token itself is shown once, when the
link is created.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qs, quote

from stretchkit.errors import ValidationError

__all__ = [
    "DASHBOARD_URL_ENV",
    "DEFAULT_DASHBOARD_URL",
    "LOOKUP_CHARS",
    "MAX_LABEL_CHARS",
    "ClientLink",
    "clean_label",
    "dashboard_url",
    "digests_match",
    "key_from_query",
    "link_url",
    "new_token",
    "plausible_token",
    "token_digest",
    "token_hint",
]

TOKEN_BYTES = 32
LOOKUP_CHARS = 16
"""The store indexes this many leading hex characters of a digest to find a link quickly."""
MAX_LABEL_CHARS = 60
DEFAULT_DASHBOARD_URL = "http://127.0.0.1:8866/"
DASHBOARD_URL_ENV = "STRETCHKIT_DASHBOARD_URL"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,100}")


def new_token() -> str:
    """A fresh secret token: 32 random bytes (256 bits) as URL-safe base64 (43 characters)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_digest(token: str) -> str:
    """The SHA-256 of the token as 64 hex characters: all the store keeps of it."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def digests_match(a: str, b: str) -> bool:
    """Whether two digests are equal, compared in constant time."""
    return hmac.compare_digest(
        a.encode("utf-8", "surrogatepass"), b.encode("utf-8", "surrogatepass")
    )


def token_hint(token: str) -> str:
    """The first 4 characters and an ellipsis: enough to tell links apart, never the secret."""
    return f"{token[:4]}\u2026"


def plausible_token(text: str) -> bool:
    """Whether the text could be a token: 20 to 100 URL-safe base64 characters."""
    return _TOKEN.fullmatch(text) is not None


def key_from_query(query: str | None) -> str | None:
    """The `key` value of a URL query string ('key=...&x=1') when it looks like a token, else
    None; never raises."""
    if not query:
        return None
    try:
        keys = parse_qs(query.removeprefix("?"), keep_blank_values=True).get("key", [])
    except (ValueError, UnicodeError):
        return None
    return keys[0] if keys and plausible_token(keys[0]) else None


def link_url(base_url: str, token: str) -> str:
    """The client's personal link: the dashboard's address (ending in '/') with ?key=token."""
    base = base_url.strip()
    if not base.endswith("/"):
        base += "/"
    return f"{base}?key={quote(token, safe='')}"


def dashboard_url(environ: Mapping[str, str] = os.environ) -> str:
    """The dashboard's address for links: $STRETCHKIT_DASHBOARD_URL if set, else the default."""
    return environ.get(DASHBOARD_URL_ENV, "").strip() or DEFAULT_DASHBOARD_URL


def clean_label(label: str) -> str:
    """A link's label, trimmed; longer than 60 characters is an error naming the field."""
    cleaned = label.strip()
    if len(cleaned) > MAX_LABEL_CHARS:
        raise ValidationError("label", label, f"at most {MAX_LABEL_CHARS} characters")
    return cleaned


@dataclass(frozen=True)
class ClientLink:
    """A client's personal link as listed: its label and hint, never the token."""

    id: int
    client_id: int
    label: str
    hint: str
    created: datetime
    revoked: datetime | None
    last_used: datetime | None

    @property
    def active(self) -> bool:
        """Whether the link still opens the client's dashboard."""
        return self.revoked is None

    @property
    def status(self) -> str:
        """'active', or 'revoked on YYYY-MM-DD' (the local day)."""
        if self.revoked is None:
            return "active"
        return f"revoked on {self.revoked.astimezone().date().isoformat()}"
