"""The end-of-hold sound: a short, soft two-tone chime as WAV bytes, made without files."""

from __future__ import annotations

import io
import math
import struct
import wave
from functools import cache

__all__ = ["chime"]

RATE = 22050


def _tone(freq: float, seconds: float, volume: float) -> bytes:
    count = int(RATE * seconds)
    fade = max(1, int(RATE * 0.02))
    frames = []
    for n in range(count):
        envelope = min(1.0, n / fade, (count - n) / fade)
        sample = volume * envelope * math.sin(2 * math.pi * freq * n / RATE)
        frames.append(struct.pack("<h", int(sample * 32767)))
    return b"".join(frames)


def chime(variant: int = 0) -> bytes:
    """Two rising tones (about 0.5 s). Variants differ by a few silent samples at the end, so
    setting a new variant on an Audio widget makes the browser play it again."""
    return _chime(variant % 2)


@cache
def _chime(parity: int) -> bytes:
    """The WAV bytes of one of the two variants, made once."""
    pcm = _tone(660, 0.22, 0.5) + _tone(880, 0.3, 0.5) + b"\x00\x00" * (parity + 1)
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(pcm)
    return out.getvalue()
