"""`python -m bench [--tiny] [--only NAME,...] [--databases sqlite,postgresql]`.

Runs each benchmark on each database, writes bench/results/report.md and report.json, and exits
non-zero only when a benchmark could not run (an error), never because a budget was missed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime

from bench import (
    cluster,
    faults,
    machine,
    offline_recovery,
    packs_sheets,
    page_weight,
    report,
    scale,
    throughput,
)
from bench.databases import KINDS, postgres_available
from bench.quiet import OtherLoad

BENCHMARKS = {
    "page_weight": page_weight.run,
    "throughput": throughput.run,
    "faults": faults.run,
    "offline_recovery": offline_recovery.run,
    "scale": scale.run,
    "packs_sheets": packs_sheets.run,
    "cluster": cluster.run,
}


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    started, before = _now(), machine.load_average()
    if not args.tiny and not machine.is_quiet(before):
        print(f"warning: load average {before}: the machine is busy; timings are indicative only")
    kinds = _kinds(args.databases)
    results: dict = {"mode": "tiny" if args.tiny else "full", "benchmarks": {}}
    with OtherLoad() as others:
        for name in args.only:
            results["benchmarks"][name] = {}
            for kind, skip in kinds.items():
                results["benchmarks"][name][kind] = _run_one(name, kind, skip, args.tiny)
    during = others.summary()
    results |= {
        "started": started,
        "finished": _now(),
        "machine": machine.facts(),
        "load": {
            "before": before,
            "after": machine.load_average(),
            "others": during,
            "quiet": during["quiet"],  # the load before may be the bench's own last run
        },
    }
    print(f"report: {report.write(results)}")
    outcomes = [r for per_db in results["benchmarks"].values() for r in per_db.values()]
    return 1 if any("error" in r for r in outcomes) else 0


def _run_one(name: str, kind: str, skip: str | None, tiny: bool) -> dict:
    if skip:
        print(f"{name} on {kind}: skipped ({skip})")
        return {"skipped": skip}
    print(f"{name} on {kind}...", flush=True)
    start = time.perf_counter()
    try:
        result = BENCHMARKS[name](kind, tiny)
    except Exception as exc:  # one broken benchmark must not hide the others' figures
        traceback.print_exc()
        return {"error": f"{type(exc).__name__}: {exc}"[:2000]}
    print(f"{name} on {kind}: done in {time.perf_counter() - start:.1f} s", flush=True)
    return result


def _kinds(requested: list[str]) -> dict[str, str | None]:
    """Each database kind, with the reason to skip it (None: run it). CI never skips."""
    reason = postgres_available() if "postgresql" in requested else None
    if reason and os.environ.get("CI") == "true":
        raise SystemExit(f"CI must not skip PostgreSQL: {reason}")
    return {kind: (reason if kind == "postgresql" else None) for kind in requested}


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="tiny sizes, to keep it working (CI)")
    parser.add_argument("--only", type=_names(BENCHMARKS), default=list(BENCHMARKS))
    parser.add_argument("--databases", type=_names(KINDS), default=list(KINDS))
    return parser.parse_args(argv)


def _names(known) -> Callable[[str], list[str]]:
    def parse(text: str) -> list[str]:
        names = [n.strip() for n in text.split(",") if n.strip()]
        unknown = [n for n in names if n not in known]
        if unknown:
            message = f"unknown: {', '.join(unknown)} (known: {', '.join(known)})"
            raise argparse.ArgumentTypeError(message)
        return names

    return parse


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


if __name__ == "__main__":
    sys.exit(main())
