"""Personal client links in the core: tokens, digests, hints, query strings and URLs."""

from __future__ import annotations

import hashlib
import math
import string
from collections import Counter
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stretchkit.errors import ValidationError
from stretchkit.link_tokens import (
    DASHBOARD_URL_ENV,
    DEFAULT_DASHBOARD_URL,
    LOOKUP_CHARS,
    ClientLink,
    clean_label,
    dashboard_url,
    digests_match,
    key_from_query,
    link_url,
    new_token,
    token_digest,
    token_hint,
)

URLSAFE = string.ascii_letters + string.digits + "-_"
tokens = st.text(alphabet=URLSAFE, min_size=20, max_size=100)


def test_a_new_token_carries_256_random_bits_in_urlsafe_characters() -> None:
    """A token is 43 URL-safe base64 characters (6 bits each: at least 256 bits), and a
    thousand tokens are all different."""
    made = [new_token() for _ in range(1000)]
    assert all(len(t) == 43 and set(t) <= set(URLSAFE) for t in made)
    assert len(set(made)) == len(made)
    assert len(made[0]) * math.log2(len(URLSAFE)) >= 256


def test_token_characters_are_spread_over_the_whole_alphabet() -> None:
    """Across many tokens every one of the 64 characters appears, none far more than others."""
    counts = Counter("".join(new_token()[:42] for _ in range(2000)))
    assert set(counts) == set(URLSAFE)
    expected = 2000 * 42 / 64
    assert all(0.7 * expected < n < 1.3 * expected for n in counts.values())


def test_the_digest_is_the_sha256_hex_of_the_token() -> None:
    """The stored digest is the 64-character SHA-256 hex of the token's UTF-8 bytes."""
    token = new_token()
    assert token_digest(token) == hashlib.sha256(token.encode()).hexdigest()
    assert len(token_digest(token)) == 64
    assert LOOKUP_CHARS == 16


@given(a=st.text(), b=st.text())
def test_digests_match_only_equal_text_and_never_raises(a: str, b: str) -> None:
    """Constant-time comparison agrees with ==, even for non-ASCII and surrogate text."""
    assert digests_match(a, b) == (a == b)
    assert digests_match(a, a)


def test_the_hint_shows_four_characters_and_an_ellipsis() -> None:
    """A listing shows the first 4 characters only."""
    assert token_hint("AbCdEfGhIjKlMnOpQrStUv") == "AbCd\u2026"


@given(token=tokens)
def test_a_plausible_key_is_read_from_a_query_string(token: str) -> None:
    """key= is found first, last, or with a leading '?', among other parameters."""
    assert key_from_query(f"key={token}") == token
    assert key_from_query(f"?x=1&key={token}&y=") == token
    assert key_from_query(f"voila=yes&key={token}") == token


@given(query=st.text())
def test_any_query_text_gives_a_plausible_token_or_none(query: str) -> None:
    """Whatever text arrives (binary junk, huge, percent signs), the answer is None or 20 to
    100 URL-safe characters; nothing raises."""
    key = key_from_query(query)
    assert key is None or (20 <= len(key) <= 100 and set(key) <= set(URLSAFE))


@pytest.mark.parametrize(
    "query",
    [
        None,
        "",
        "key=",
        "key=short",
        "x=AbCdEfGhIjKlMnOpQrStUvWx",
        "key=" + "a" * 101,
        "key=AbCdEfGhIjKlMn<script>OpQrStUvWx",
        "key=AbCdEfGhIjKlMnOpQrSt%00Uv",
        "key=AbCdEfGhIjKlMnOpQrSt+Uv",
        "key=%ZZ%ZZ%ZZ%ZZ%ZZ%ZZ%ZZ%ZZ",
        "key=\udcff" * 30,
    ],
)
def test_a_missing_or_implausible_key_is_none(query: str | None) -> None:
    """Absent, short, long, or with characters a token never has: no key."""
    assert key_from_query(query) is None


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("http://127.0.0.1:8866", "http://127.0.0.1:8866/?key=T0k"),
        ("http://127.0.0.1:8866/", "http://127.0.0.1:8866/?key=T0k"),
        (" https://studio.example.org/dash ", "https://studio.example.org/dash/?key=T0k"),
    ],
)
def test_a_link_is_the_dashboard_address_with_the_key(base: str, expected: str) -> None:
    """The base gains one trailing slash, then ?key=token."""
    assert link_url(base, "T0k") == expected


@given(token=tokens)
def test_a_link_url_gives_its_token_back(token: str) -> None:
    """Reading the key from a link's query string gives the same token."""
    url = link_url(DEFAULT_DASHBOARD_URL, token)
    assert key_from_query(url.split("?", 1)[1]) == token


def test_the_dashboard_address_follows_the_environment() -> None:
    """$STRETCHKIT_DASHBOARD_URL wins when set and not blank; otherwise the local default."""
    assert dashboard_url({}) == DEFAULT_DASHBOARD_URL == "http://127.0.0.1:8866/"
    assert dashboard_url({DASHBOARD_URL_ENV: "  "}) == DEFAULT_DASHBOARD_URL
    assert dashboard_url({DASHBOARD_URL_ENV: "http://studio:9000/"}) == "http://studio:9000/"


def test_a_label_is_trimmed_and_at_most_60_characters() -> None:
    """Spaces around a label go; 61 characters is an error naming the field."""
    assert clean_label("  phone ") == "phone"
    assert clean_label("x" * 60) == "x" * 60
    with pytest.raises(ValidationError, match=r"^label: at most 60"):
        clean_label("x" * 61)


def test_a_link_says_whether_it_is_active_or_since_when_it_is_revoked() -> None:
    """Status is 'active', or 'revoked on' the local day of revocation."""
    made = datetime(2026, 11, 1, 12, tzinfo=UTC)
    active = ClientLink(1, 2, "phone", "AbCd\u2026", made, None, None)
    revoked = ClientLink(1, 2, "phone", "AbCd\u2026", made, made, None)
    assert active.active and active.status == "active"
    assert not revoked.active
    assert revoked.status == f"revoked on {made.astimezone().date().isoformat()}"
