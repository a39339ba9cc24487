"""Faults: the same load while one gunicorn worker is killed with SIGKILL every few seconds.

Clients retry a failed step; a failed POST is sent again with the same response id, as the page's
script does. The proof: every completion stored exactly once, nothing twice, no client error.
"""

from __future__ import annotations

import os
import random
import signal
import threading

from bench.databases import fresh_database
from bench.load import run_closed_loop
from bench.paths import SHIPPED_QUESTIONNAIRES
from bench.servers import OURS, app_env, free_port, gunicorn, worker_pids
from bench.setup_db import create_sessions
from bench.throughput import PHASE, QUESTIONNAIRE
from bench.verify import OURS_SQL, compare, stored

FULL = {"pupils": 50, "seconds": 60.0, "kill_every_s": 5.0}
TINY = {"pupils": 2, "seconds": 4.0, "kill_every_s": 1.5}


def run(kind: str, tiny: bool) -> dict:
    """Load under worker kills; the summary, the kills, and the exactly-once proof."""
    size = TINY if tiny else FULL
    with fresh_database(kind, "faults") as db:
        session = create_sessions(db.url, SHIPPED_QUESTIONNAIRES, QUESTIONNAIRE, 1)[0]
        path = f"/s/{session['tokens'][PHASE]}"
        port = free_port()
        with gunicorn(OURS, app_env(db, port), port, path, f"faults-{kind}") as server:
            stop, kills = threading.Event(), []
            killer = threading.Thread(
                target=_kill_workers, args=(server.pid, size["kill_every_s"], stop, kills)
            )
            killer.start()
            try:
                run = run_closed_loop(
                    server.base_url, path, size["pupils"], size["seconds"], retry=True
                )
            finally:
                stop.set()
                killer.join()
            server.check_alive()
        proof = compare(run.flows, stored(db, OURS_SQL, session["session_id"]))
    return {
        "settings": dict(size),
        "workers_killed": len(kills),
        "load": run.summary(),
        "proof": proof,
        "exactly_once": int(proof["exactly_once"]),
        "stored_twice": proof["ids_stored_twice"] + proof["markers_stored_twice"],
    }


def _kill_workers(master: int, every_s: float, stop: threading.Event, kills: list) -> None:
    """SIGKILL one live worker (a child of the master) every `every_s` seconds until `stop`."""
    rng = random.Random(0)
    while not stop.wait(every_s):
        workers = worker_pids(master)
        if workers:
            victim = rng.choice(workers)
            try:
                os.kill(victim, signal.SIGKILL)
                kills.append(victim)
            except ProcessLookupError:
                pass
