"""Reading a QR code back as a phone would: the modules drawn in an inline SVG, and the text
a real decoder (zbar's `zbarimg`) finds in a picture."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from PIL import Image

_STROKE = re.compile(r'<path[^>]*stroke="#000"[^>]*d="([^"]+)"')
_STEP = re.compile(r"([Mmh])(-?\d+(?:\.\d+)?)(?: (-?\d+(?:\.\d+)?))?")
_VIEW = re.compile(r'viewBox="0 0 (\d+) (\d+)"')


def svg_modules(svg: str) -> list[list[bool]]:
    """The dark modules of a QR drawn as one stroked path of horizontal runs, row by row."""
    view, path = _VIEW.search(svg), _STROKE.search(svg)
    assert view is not None and path is not None, svg[:200]
    size = int(view[1])
    rows = [[False] * size for _ in range(size)]
    x = y = 0.0
    for op, a, b in _STEP.findall(path[1]):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            for column in range(int(x), int(x + float(a))):
                rows[int(y)][column] = True
            x += float(a)
    return rows


def modules_png(rows: list[list[bool]], scale: int = 8) -> bytes:
    """The modules as a black-on-white PNG, `scale` pixels a module."""
    image = Image.new("L", (len(rows[0]), len(rows)), 255)
    image.putdata([0 if dark else 255 for row in rows for dark in row])
    big = image.resize((image.width * scale, image.height * scale), Image.Resampling.NEAREST)
    out = io.BytesIO()
    big.save(out, format="PNG")
    return out.getvalue()


def decode_qr(png: bytes) -> str:
    """The text zbar reads in a PNG (the test is skipped where zbar-tools is not installed)."""
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        pytest.skip("zbarimg (apt package zbar-tools) is not installed")
    result = subprocess.run(
        [zbarimg, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", "-"],
        input=png,
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    return result.stdout.decode("utf-8").rstrip("\n")
