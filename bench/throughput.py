"""Submission throughput: ours against the bare-Flask ceiling, same gunicorn settings.

Pupils answer the POST link of the shipped secondary questionnaire (it has a free-text item, so
each flow writes a unique marker); one session per concurrency level keeps each level's proof
separate. A short warm-up on its own session precedes the levels.
"""

from __future__ import annotations

from bench.app_flows import profile_flows
from bench.budgets import misses
from bench.ceiling_app import create_table
from bench.databases import BenchDatabase, fresh_database
from bench.load import run_closed_loop
from bench.paths import SHIPPED_QUESTIONNAIRES
from bench.servers import (
    CEILING,
    GUNICORN_ARGS,
    OURS,
    Server,
    app_env,
    ceiling_env,
    free_port,
    gunicorn,
)
from bench.setup_db import create_sessions
from bench.verify import CEILING_SQL, OURS_SQL, compare, stored

QUESTIONNAIRE, PHASE = "pupils-secondary", "post"
FULL = {"levels": (1, 10, 50), "seconds": 20.0, "warmup_s": 3.0}
TINY = {"levels": (1, 2), "seconds": 2.0, "warmup_s": 0.5}


def run(kind: str, tiny: bool) -> dict:
    """Per level: ours, the ceiling, and ours / ceiling in completions per second."""
    size = TINY if tiny else FULL
    with fresh_database(kind, "load") as db:
        count = len(size["levels"]) + 1  # one more for the warm-up
        sessions = create_sessions(db.url, SHIPPED_QUESTIONNAIRES, QUESTIONNAIRE, count)
        targets = [(f"/s/{s['tokens'][PHASE]}", s["session_id"]) for s in sessions]
        port = free_port()
        with gunicorn(OURS, app_env(db, port), port, targets[0][0], f"ours-{kind}") as server:
            ours = _levels(server, db, OURS_SQL, targets, size)
        conn = db.connect()
        create_table(conn, db.kind)
        conn.close()
        ceiling_targets = [(f"/s/level-{n}", f"level-{n}") for n in range(len(targets))]
        port = free_port()
        with gunicorn(CEILING, ceiling_env(db), port, "/s/ready", f"ceiling-{kind}") as server:
            ceiling = _levels(server, db, CEILING_SQL, ceiling_targets, size)
        levels = {str(level): _pair(ours[level], ceiling[level]) for level in size["levels"]}
        result = {
            "settings": _settings(size),
            "levels": levels,
            "exactly_once": int(all(v["ours"]["proof"]["exactly_once"] for v in levels.values())),
        }
        if not tiny and misses("throughput", result):
            name = f"throughput-ours-{kind}"
            path = targets[0][0]
            result["profile"] = str(profile_flows(db.url, SHIPPED_QUESTIONNAIRES, path, name))
    return result


def _levels(server: Server, db: BenchDatabase, sql: str, targets: list, size: dict) -> dict:
    warm_path, _ = targets[0]
    run_closed_loop(server.base_url, warm_path, 2, size["warmup_s"])
    results = {}
    for level, (path, key) in zip(size["levels"], targets[1:], strict=True):
        run = run_closed_loop(server.base_url, path, level, size["seconds"])
        server.check_alive()  # a dead server's refusals are not the app's figures
        results[level] = run.summary() | {"proof": compare(run.flows, stored(db, sql, key))}
    return results


def _pair(ours: dict, ceiling: dict) -> dict:
    ratio = None
    if ceiling["completions_per_s"]:
        ratio = round(ours["completions_per_s"] / ceiling["completions_per_s"], 3)
    return {"ours": ours, "ceiling": ceiling, "ratio": ratio}


def _settings(size: dict) -> dict:
    return {
        "gunicorn": " ".join(GUNICORN_ARGS),
        "seconds_per_level": size["seconds"],
        "questionnaire": f"{QUESTIONNAIRE} ({PHASE} link)",
    }
