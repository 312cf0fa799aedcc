"""diplokg: knowledge graphs of diplomatic events from news text."""

from __future__ import annotations

__version__ = "0.1.0"
