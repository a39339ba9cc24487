"""Chart packs for every organisation and QR sheets for many sessions, timed inside the app.

Each organisation has one session of the bench questionnaire with enough matched respondents to
be shown (not suppressed); the work itself runs in bench/packs_child.py, in a child process.
"""

from __future__ import annotations

import json
import secrets
import tempfile

from bench.budgets import misses
from bench.children import timed_child
from bench.databases import fresh_database
from bench.paths import BENCH_QUESTIONNAIRES, PROFILES, PYTHON
from bench.scale import QUESTIONNAIRE, item_ids
from bench.scale_data import insert, rows
from bench.setup_db import create_sessions

FULL = {"organisations": 200, "respondents_per_organisation": 30, "sheets": 100}
TINY = {"organisations": 3, "respondents_per_organisation": 12, "sheets": 3}


def run(kind: str, tiny: bool) -> dict:
    """Seconds per pack page, seconds for the sheets; profiles of both on a miss."""
    size = TINY if tiny else FULL
    with fresh_database(kind, "packs") as db, tempfile.TemporaryDirectory() as out_dir:
        count, per_session = size["organisations"], size["respondents_per_organisation"]
        sessions = create_sessions(db.url, BENCH_QUESTIONNAIRES, QUESTIONNAIRE, count)
        insert(db, rows(sessions, per_session, item_ids(), QUESTIONNAIRE))
        args = [db.url, str(BENCH_QUESTIONNAIRES), QUESTIONNAIRE, out_dir, str(size["sheets"])]
        child = _child(args)
        per_page = round(child["packs_s"] / child["pages"], 3) if child["pages"] else None
        result = child | {"settings": size, "pack_s_per_page": per_page}
        result["sheets_100_s"] = child["sheets_s"]
        missed = misses("packs_sheets", result) if not tiny else []
        if missed:
            _child([*args, f"packs-sheets-{kind}"])
            parts = [("packs", "pack"), ("sheets", "sheets")]
            result["profile"] = [
                f"{PROFILES}/packs-sheets-{kind}-{part}.txt"
                for part, word in parts
                if any(word in label for label in missed)
            ]
    return result


def _child(args: list[str]) -> dict:
    env = {"SECRET_KEY": secrets.token_hex(32), "MPLBACKEND": "Agg"}
    child = timed_child([PYTHON, "-m", "bench.packs_child", *args], env)
    if child["returncode"] != 0:
        raise RuntimeError(f"packs and sheets failed:\n{child['output_tail']}")
    figures = json.loads(child["output_tail"].strip().splitlines()[-1])
    return figures | {"peak_mib": child["peak_mib"]}
