"""Load generators: the closed loop (N pupils, each starting a new flow as soon as one ends) for
throughput, and a class arriving (N pupils, each answering once, at an even pace) for latency."""

from __future__ import annotations

import random
import threading
import time
import uuid
from dataclasses import dataclass, field

from bench.client import Flow, pupil_flow

FAILED_PAUSE_S = 0.05
JOIN_GRACE_S = 120  # in-flight flows get this long to finish after the time is up


@dataclass
class LoadRun:
    """Every flow of one run, and how long the run took."""

    concurrency: int
    duration_s: float
    elapsed_s: float = 0.0
    run_id: str = ""
    flows: list[Flow] = field(default_factory=list)

    @property
    def completed(self) -> list[Flow]:
        return [f for f in self.flows if f.ok]

    def summary(self) -> dict:
        """Completions per second, POST and flow p50/p95 (ms), errors, retries."""
        done = self.completed
        errors = [f.error for f in self.flows if not f.ok]
        return {
            "concurrency": self.concurrency,
            "duration_s": round(self.elapsed_s, 2),
            "completions": len(done),
            "completions_per_s": round(len(done) / self.elapsed_s, 2) if self.elapsed_s else 0.0,
            "post_p50_ms": ms(percentile([f.post_s for f in done], 50)),
            "post_p95_ms": ms(percentile([f.post_s for f in done], 95)),
            "flow_p50_ms": ms(percentile([f.flow_s for f in done], 50)),
            "flow_p95_ms": ms(percentile([f.flow_s for f in done], 95)),
            "errors": len(errors),
            "error_examples": sorted(set(errors))[:5],
            "retries": sum(f.retries for f in self.flows),
            "post_retries": sum(f.post_retries for f in self.flows),
        }


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))  # ceil(n * q / 100), at least 1
    return ordered[int(rank) - 1]


def ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 1)


def run_closed_loop(
    base_url: str, path: str, concurrency: int, duration_s: float, retry: bool = False
) -> LoadRun:
    """Run `concurrency` pupils against one link for `duration_s`; each writes unique markers."""
    run = LoadRun(concurrency, duration_s, run_id=uuid.uuid4().hex[:8])
    lock, stop_at = threading.Lock(), time.monotonic() + duration_s

    def pupil(number: int) -> None:
        rng, count = random.Random(f"{run.run_id}-{number}"), 0
        while time.monotonic() < stop_at:
            count += 1
            marker = f"bench-{run.run_id}-{number}-{count}"
            flow = pupil_flow(base_url, path, marker, rng, retry)
            with lock:
                run.flows.append(flow)
            if not flow.ok:
                time.sleep(FAILED_PAUSE_S)  # a refusing server must not turn this into a spin

    threads = [threading.Thread(target=pupil, args=(n,), daemon=True) for n in range(concurrency)]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, stop_at + JOIN_GRACE_S - time.monotonic()))
    run.elapsed_s = time.monotonic() - start
    if any(thread.is_alive() for thread in threads):
        raise RuntimeError(f"pupils still running {JOIN_GRACE_S} s after the time was up")
    return run


def run_class_arrival(base_url: str, path: str, pupils: int, over_s: float) -> LoadRun:
    """`pupils` pupils start one answer each, evenly spread over `over_s` seconds, whatever the
    server's pace (an open loop): what a class does when told "scan the code and answer now".

    The closed loop's latency is queueing by construction (Little's law: N pupils waiting on a
    saturated server wait N / throughput), so it measures the machine, not a pupil's wait.
    """
    run = LoadRun(pupils, over_s, run_id=uuid.uuid4().hex[:8])
    lock, start = threading.Lock(), time.monotonic()

    def pupil(number: int) -> None:
        time.sleep(max(0.0, start + number * over_s / pupils - time.monotonic()))
        rng = random.Random(f"{run.run_id}-{number}")
        flow = pupil_flow(base_url, path, f"bench-{run.run_id}-{number}-1", rng, False)
        with lock:
            run.flows.append(flow)

    threads = [threading.Thread(target=pupil, args=(n,), daemon=True) for n in range(pupils)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, start + over_s + JOIN_GRACE_S - time.monotonic()))
    run.elapsed_s = time.monotonic() - start
    if any(thread.is_alive() for thread in threads):
        raise RuntimeError(f"pupils still running {JOIN_GRACE_S} s after the class arrived")
    return run
