"""The README shows the screenshots issue 14 asks for (the dashboard, a pack page, the Board
report), each a real PNG under docs/images/ with alt text; none referenced is missing."""

from __future__ import annotations

import re
import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WANTED = {"dashboard.png", "pack-page.png", "board-report.png"}
IMAGE = re.compile(r"!\[([^\]]*)\]\((docs/images/[^)]+)\)")


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


def test_the_readme_shows_each_screenshot_with_alt_text():
    shown = IMAGE.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    assert {Path(link).name for _alt, link in shown} >= WANTED, shown
    for alt, link in shown:
        assert len(alt.split()) >= 5, f"{link}: alt text should say what the image shows"
        width, height = _png_size(ROOT / link)
        assert width >= 800 and height >= 500, (link, width, height)
