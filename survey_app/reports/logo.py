"""The council's logo (setting COUNCIL_LOGO) for a Board report's cover, checked before use.

A setting that names a missing, unreadable or non-image file is a mistake an officer can fix,
so it is reported as a LogoError whose message says which file and what is wrong, for the
command line and the dashboard to show, never as a traceback from deep in reportlab.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}  # what reportlab and every browser show
MAX_BYTES = 2 * 1024 * 1024  # a logo, not a photograph: keeps the HTML page small


class LogoError(ValueError):
    """COUNCIL_LOGO names a file that cannot be used; the message says why."""


@dataclass(frozen=True)
class Logo:
    data: bytes
    mimetype: str
    size_px: tuple[int, int]


def load_logo(setting: str | None) -> Logo | None:
    """The logo named by the setting, or None when it is unset."""
    if not setting or not str(setting).strip():
        return None
    path = Path(str(setting).strip())
    where = f"COUNCIL_LOGO is set to {path}"
    if not path.is_file():
        raise LogoError(f"{where}, but there is no such file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LogoError(f"{where}, but it cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise LogoError(f"{where}, which is larger than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            found, size = image.format, image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        found, size = None, (0, 0)
    if found not in FORMATS:
        raise LogoError(f"{where}, which is not a PNG or JPEG image")
    return Logo(data, FORMATS[found], size)
