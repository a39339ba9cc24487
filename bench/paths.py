"""Where things are: the project root, this interpreter, the results folder."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PYTHON = sys.executable
RESULTS = BENCH / "results"
PROFILES = RESULTS / "profiles"
BENCH_QUESTIONNAIRES = BENCH / "questionnaires"
SHIPPED_QUESTIONNAIRES = ROOT / "questionnaires"
