"""Scoring at scale: `flask report compare --by organisation` over millions of stored answers.

50,000 respondents x 20 items x PRE and POST across 200 organisations (one session each) are
bulk-inserted; the CLI is timed end to end as a child process with its peak memory; the floor is
reading the same rows into pandas and expanding the JSON answers (bench/floor.py).
"""

from __future__ import annotations

import json
import secrets

from bench.budgets import misses
from bench.children import profile_child, timed_child
from bench.databases import fresh_database
from bench.paths import BENCH_QUESTIONNAIRES, PYTHON
from bench.scale_data import insert, rows
from bench.setup_db import create_sessions

QUESTIONNAIRE = "bench-scale"
FULL = {"organisations": 200, "respondents": 50_000}
TINY = {"organisations": 4, "respondents": 200}
COMPARE_ARGS = ["flask", "--app", "survey_app", "report", "compare", "--by", "organisation"]


def run(kind: str, tiny: bool) -> dict:
    """Generation, the timed comparison, the floor, and their ratio; a profile on a miss."""
    size = TINY if tiny else FULL
    per_session = size["respondents"] // size["organisations"]
    with fresh_database(kind, "scale") as db:
        count = size["organisations"]
        sessions = create_sessions(db.url, BENCH_QUESTIONNAIRES, QUESTIONNAIRE, count)
        generated = insert(db, rows(sessions, per_session, item_ids(), QUESTIONNAIRE))
        env = {
            "DATABASE_URL": db.url,
            "QUESTIONNAIRE_DIR": str(BENCH_QUESTIONNAIRES),
            "SECRET_KEY": secrets.token_hex(32),
        }
        compare = timed_child([PYTHON, "-m", *COMPARE_ARGS], env)
        if compare["returncode"] != 0:
            raise RuntimeError(f"report compare failed:\n{compare['output_tail']}")
        if compare["output_lines"] < size["organisations"]:  # timing an empty answer is no use
            raise RuntimeError(f"report compare printed too little:\n{compare['output_tail']}")
        floor = timed_child([PYTHON, "-m", "bench.floor", db.url, QUESTIONNAIRE], env)
        floor_read = _floor_seconds(floor)
        result = {
            "size": size | {"answers": generated["rows"] * len(item_ids())},
            "generate": generated,
            "compare": _trim(compare),
            "floor": {"read_s": floor_read, "process_s": floor["seconds"]},
            "floor_ratio": round(compare["seconds"] / floor_read, 2) if floor_read else None,
            "floor_process_ratio": round(compare["seconds"] / floor["seconds"], 2),
        }
        if not tiny and misses("scale", result):
            result["profile"] = str(profile_child(f"scale-compare-{kind}", COMPARE_ARGS, env))
    return result


def item_ids() -> list[str]:
    """The bench questionnaire's item ids, read with the app's own loader."""
    from survey_app.questionnaire import load_folder

    return [item.id for item in load_folder(BENCH_QUESTIONNAIRES).latest(QUESTIONNAIRE).items]


def _floor_seconds(floor: dict) -> float | None:
    if floor["returncode"] != 0:
        raise RuntimeError(f"the floor failed:\n{floor['output_tail']}")
    return json.loads(floor["output_tail"].strip().splitlines()[-1])["seconds"]


def _trim(child: dict) -> dict:
    return {k: child[k] for k in ("seconds", "peak_mib", "output_lines")}
