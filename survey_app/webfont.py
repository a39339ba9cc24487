"""Self-hosted fonts of the pupil pages (ADR 0040): where they are and the address each is linked
by. The address carries the file's own hash, so a browser may keep the file for a year
(`web/headers.py`) and still fetches a regenerated one at once."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

FONTS_DIR = Path(__file__).resolve().parent / "static" / "fonts"
FONTS_PATH = "/static/fonts/"
# A year, and never revalidated: the address changes whenever the file does.
FONT_CACHE_CONTROL = "public, max-age=31536000, immutable"


@cache
def font_url(filename: str) -> str:
    """`/static/fonts/<filename>?v=<first 12 hex digits of its SHA-256>`."""
    digest = hashlib.sha256((FONTS_DIR / filename).read_bytes()).hexdigest()[:12]
    return f"{FONTS_PATH}{filename}?v={digest}"
