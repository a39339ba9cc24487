"""A QR code as a matrix of modules, and as vector rectangles on a reportlab canvas.

Vector rectangles stay crisp at any print size. Dark runs on each row are joined into one
rectangle and all of them go into one path filled once, so a renderer's anti-aliasing cannot
leave hairline seams between modules. The path is written once per code in whole-module units
and placed by a transformation matrix: formatting thousands of coordinates through reportlab's
pure-Python number formatter would cost more than everything else on the sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4  # modules of white on every side, as the QR standard asks

Matrix = list[list[bool]]


@dataclass(frozen=True)
class QrShape:
    """A code ready to draw: its width in modules (quiet zone included) and its PDF path."""

    modules: int
    path_ops: str


def qr_matrix(text: str) -> Matrix:
    """Modules of the smallest QR code holding `text` at error correction M, quiet zone included.

    Row 0 is the top row. M recovers about 15% damage: a folded or scuffed sheet still scans.
    """
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(text)
    code.make(fit=True)
    return code.get_matrix()


def dark_runs(matrix: Matrix) -> list[tuple[int, int, int]]:
    """(row, first column, length) of each horizontal run of dark modules."""
    runs = []
    for row_index, row in enumerate(matrix):
        start = None
        for col, dark in enumerate([*row, False]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                runs.append((row_index, start, col - start))
                start = None
    return runs


@lru_cache(maxsize=1024)
def qr_shape(text: str) -> QrShape:
    """The QR code for `text` as one PDF path of rectangles, one unit per module.

    Made with qrcode's public API only (about 6 ms a code); kept per address, since a sheet is
    printed again and again for the same session while its codes never change."""
    matrix = qr_matrix(text)
    ops = "\n".join(f"{col} {row} {length} 1 re" for row, col, length in dark_runs(matrix))
    return QrShape(modules=len(matrix), path_ops=ops)


def draw_qr(canvas: Canvas, shape: QrShape, x: float, y: float, size: float) -> None:
    """Draw the code (quiet zone included) in the square with lower-left corner (x, y)."""
    module = size / shape.modules
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    # Module units, row 0 at the top: y grows downwards from the square's top edge.
    canvas.transform(module, 0, 0, -module, x, y + size)
    canvas.addLiteral(f"{shape.path_ops}\nf")
    canvas.restoreState()
