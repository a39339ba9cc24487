"""Two instances behind nginx beside one instance, and the cluster's faults (issue 13).

On the cluster `deploy/local-cluster up` starts (PostgreSQL, Redis, two gunicorn instances of 2
workers each, nginx): the same closed loop of pupils through nginx and straight to one instance,
on the same machine; then the load through nginx while
- instance 1 is SIGKILLed (master and workers, as a crashed server) and started again, and
- every PostgreSQL connection of the cluster's database is cut (pg_terminate_backend),
each proved exactly once: completed, stored, stored twice, lost. Clients retry a failed step, the
POST with the same response id, as the page's script does.

On a 2-core machine the two instances share the cores the one instance has to itself, so "through
nginx" measures the cost of the proxy and the second instance, not a gain: it is information, and
the budget is that nothing is lost or stored twice.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from bench.load import run_closed_loop
from bench.local_cluster import LocalCluster, repeatedly, started
from bench.servers import BENCH_PUPIL_LIMIT
from bench.verify import compare

# The pupil limits stay on, far above the bench's rate (as in bench/servers.py app_env).
PUPIL_LIMITS_ABOVE_THE_BENCH = {
    "PUPIL_LINK_LIMIT": BENCH_PUPIL_LIMIT,
    "PUPIL_DEVICE_LIMIT": BENCH_PUPIL_LIMIT,
}
FULL = {"levels": (10, 50), "seconds": 20.0, "fault_pupils": 20, "fault_seconds": 40.0,
        "kill_every_s": 6.0, "restart_after_s": 1.0, "cut_every_s": 5.0}  # fmt: skip
TINY = {"levels": (2,), "seconds": 3.0, "fault_pupils": 2, "fault_seconds": 6.0,
        "kill_every_s": 2.5, "restart_after_s": 0.5, "cut_every_s": 2.0}  # fmt: skip


def run(kind: str, tiny: bool) -> dict:
    if kind != "postgresql":
        return {"skipped": "the cluster shares one PostgreSQL database (SQLite is one machine's)"}
    size = TINY if tiny else FULL
    with started(settings=PUPIL_LIMITS_ABOVE_THE_BENCH) as cluster:
        levels = {str(n): _level(cluster, n, size["seconds"]) for n in size["levels"]}
        killed = under_fault(cluster, size, "kill")
        cut = under_fault(cluster, size, "cut")
    return {"settings": {k: list(v) if isinstance(v, tuple) else v for k, v in size.items()},
            "levels": levels, "instance_killed": killed, "connections_cut": cut}  # fmt: skip


def _level(cluster: LocalCluster, pupils: int, seconds: float) -> dict:
    """The same load straight to instance 1, then through nginx to both."""
    session = cluster.new_session(f"Bench cluster {pupils}")
    path = urlsplit(session["pre_url"]).path
    one = run_closed_loop(cluster.instances[0], path, pupils, seconds).summary()
    two = run_closed_loop(cluster.proxy, path, pupils, seconds).summary()
    base = one["completions_per_s"]
    ratio = round(two["completions_per_s"] / base, 3) if base else None
    return {"one_instance": one, "through_nginx": two, "ratio": ratio}


def under_fault(cluster: LocalCluster, size: dict, fault: str) -> dict:
    """Load through nginx while the fault repeats; the counts and the exactly-once proof."""
    session = cluster.new_session(f"Bench cluster fault {fault}")
    path = urlsplit(session["pre_url"]).path

    kills: list[float] = []

    def kill_and_restart() -> int:
        cluster.kill_instance(1)
        kills.append(time.monotonic())  # counted when it happens: a restart takes seconds
        time.sleep(size["restart_after_s"])
        cluster.start_instance(1)
        return 1

    action, every = (
        (kill_and_restart, size["kill_every_s"])
        if fault == "kill"
        else (cluster.terminate_backends, size["cut_every_s"])
    )
    with repeatedly(every, action) as done:
        load = run_closed_loop(
            cluster.proxy, path, size["fault_pupils"], size["fault_seconds"], retry=True
        )
    cluster.start_instance(1)  # in case the last kill came as the load ended
    proof = compare(load.flows, cluster.stored(session["id"]))
    return {
        "faults": len(kills) if fault == "kill" else len(done),
        "connections_cut": sum(done) if fault == "cut" else None,
        "load": load.summary(),
        "completed": proof["completions"],
        "stored": proof["rows"],
        "stored_twice": proof["ids_stored_twice"] + proof["markers_stored_twice"],
        "lost": proof["ids_completed_not_stored"] + (proof["markers_missing"] or 0),
        "exactly_once": int(proof["exactly_once"]),
        "recovered": int(_both_instances_answer(cluster, path)),
    }


def _both_instances_answer(cluster: LocalCluster, path: str) -> bool:
    """After the faults, each instance serves a pupil's form again without a restart."""
    from bench.client import Pupil

    for base in cluster.instances:
        pupil = Pupil(base)
        try:
            if pupil.request("GET", path)[0] != 200:
                return False
        finally:
            pupil.close()
    return True
