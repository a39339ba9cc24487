"""Choosing a QR code's mask pattern by the standard's penalty rules, vectorised with numpy.

The `qrcode` library lays out the data eight times and scores each mask in pure Python: most
of the time it takes to make a code, and a sheet run for a hundred sessions makes hundreds.
Here the data is laid out once; the eight masked versions are XORs of it, scored together by the
same rules (ISO/IEC 18004 7.8.3: long runs, 2x2 blocks, finder-like patterns, dark/light balance),
so the chosen mask is the one `qrcode` itself would choose (a unit test holds that).
"""

from __future__ import annotations

import numpy as np
import qrcode
from numpy.lib.stride_tricks import sliding_window_view

_FINDER_LIKE = np.array(
    [[1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0], [0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1]], dtype=np.int8
)


def apply_best_mask(code: qrcode.QRCode) -> int:
    """Rebuild a made code (version fixed) with the mask of lowest penalty; returns the mask."""
    best = int(np.argmin(penalties(masked_candidates(code))))
    code.mask_pattern = best
    code.makeImpl(False, best)
    return best


def masked_candidates(code: qrcode.QRCode) -> np.ndarray:
    """The eight test layouts (format bits light), shape (8, n, n), as `makeImpl(True, k)` makes."""
    n = code.version * 4 + 17
    code.modules_count = n
    code.modules = [[None] * n for _ in range(n)]
    for row, col in ((0, 0), (n - 7, 0), (0, n - 7)):
        code.setup_position_probe_pattern(row, col)
    code.setup_position_adjust_pattern()
    code.setup_timing_pattern()
    code.setup_type_info(True, 0)
    if code.version >= 7:
        code.setup_type_number(True)
    is_data = np.array([[m is None for m in row] for row in code.modules])
    if code.data_cache is None:
        code.data_cache = qrcode.util.create_data(
            code.version, code.error_correction, code.data_list
        )
    code.map_data(code.data_cache, 0)
    flips = mask_flips(n) & is_data
    unmasked = np.array(code.modules, dtype=bool) ^ flips[0]
    return (unmasked ^ flips).astype(np.int8)


def mask_flips(n: int) -> np.ndarray:
    """Where each of the eight mask patterns flips a module, shape (8, n, n)."""
    i, j = np.indices((n, n))
    return np.stack(
        [
            (i + j) % 2 == 0,
            i % 2 == 0,
            j % 3 == 0,
            (i + j) % 3 == 0,
            (i // 2 + j // 3) % 2 == 0,
            (i * j) % 2 + (i * j) % 3 == 0,
            ((i * j) % 2 + (i * j) % 3) % 2 == 0,
            ((i * j) % 3 + (i + j) % 2) % 2 == 0,
        ]
    )


def penalties(stack: np.ndarray) -> np.ndarray:
    """The standard's penalty score of each matrix in a (k, n, n) stack (1 = dark)."""
    transposed = stack.transpose(0, 2, 1)
    return (
        _runs(stack)
        + _runs(transposed)
        + _blocks(stack)
        + _finders(stack)
        + _finders(transposed)
        + _balance(stack)
    )


def _runs(stack: np.ndarray) -> np.ndarray:
    """N1: 3 + (length - 5) for each run of five or more same-coloured modules in a row."""
    k, n, _ = stack.shape
    separated = np.concatenate([stack, np.full((k, n, 1), 2, dtype=np.int8)], axis=2).ravel()
    ends = np.flatnonzero(np.diff(separated) != 0)
    ends = np.append(ends, separated.size - 1)
    lengths = np.diff(np.concatenate(([-1], ends)))
    scores = np.where(lengths >= 5, lengths - 2, 0)
    return np.bincount(ends // (n * (n + 1)), weights=scores, minlength=k).astype(int)


def _blocks(stack: np.ndarray) -> np.ndarray:
    """N2: 3 for each 2x2 block of one colour (overlapping blocks each count)."""
    top_left = stack[:, :-1, :-1]
    same = (
        (top_left == stack[:, 1:, :-1])
        & (top_left == stack[:, :-1, 1:])
        & (top_left == stack[:, 1:, 1:])
    )
    return 3 * same.sum(axis=(1, 2))


def _finders(stack: np.ndarray) -> np.ndarray:
    """N3: 40 for each 1:1:3:1:1 pattern with four light modules on one side, in a row."""
    windows = sliding_window_view(stack, 11, axis=2)[:, :, :, None, :]
    found = (windows == _FINDER_LIKE).all(axis=-1)
    return 40 * found.sum(axis=(1, 2, 3))


def _balance(stack: np.ndarray) -> np.ndarray:
    """N4: 10 for each 5% step the share of dark modules is away from half."""
    dark_percent = 100 * stack.mean(axis=(1, 2))
    return 10 * (np.abs(dark_percent - 50) // 5).astype(int)
