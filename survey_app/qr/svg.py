"""A QR code as a small SVG, for the facilitator to project on a screen for the class.

Vector, so it stays sharp at any projector size; one path, so a browser's anti-aliasing leaves
no seams between modules (as on the printed sheet, qr/codes.py).
"""

from __future__ import annotations

from functools import lru_cache

from .codes import dark_runs, qr_matrix


@lru_cache(maxsize=256)
def qr_svg(text: str) -> str:
    """The QR code for `text` (quiet zone included) as an SVG document, one unit per module.

    Kept per address: a session's codes never change and the page may be reloaded often."""
    matrix = qr_matrix(text)
    size = len(matrix)
    path = "".join(f"M{col} {row}h{length}v1h-{length}z" for row, col, length in dark_runs(matrix))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path fill="#000" d="{path}"/></svg>'
    )
