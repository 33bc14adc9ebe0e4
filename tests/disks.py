"""Filling a real (small) file system, for the full-disk tests of both engines."""

from __future__ import annotations

import errno
import os
from pathlib import Path

__all__ = ["fill"]


def fill(folder: Path) -> Path:
    """Fill the file system holding `folder` to the last byte; the filler file."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, bytes(4096))
    except OSError as e:
        assert e.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler
