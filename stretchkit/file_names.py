"""Plain, portable file names made from people's names: 'Zoë Brontë' -> 'zoe-bronte'."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["file_stem"]


def file_stem(name: str, default: str = "file") -> str:
    """Lower-case ASCII letters, digits, dots and underscores, with dashes for the rest
    (accents dropped), at most 80 characters; `default` when nothing is left."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9._]+", "-", ascii_name.strip().lower()).strip("-._")
    return slug[:80].strip("-._") or default
