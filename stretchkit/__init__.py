"""stretchkit: partner-assisted back stretching for trainers (JupyterLab) and clients (Voila)."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
