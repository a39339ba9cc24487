"""How much CPU everything else on the machine used while the bench ran.

The load average cannot tell: during a run it is mostly the bench itself. A sampler reads
/proc every few seconds and adds up the CPU time of every process that is not this one or a
descendant of it (the servers, browsers and children the bench starts).
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
EVERY_S = 2.0
QUIET_SHARE = 0.10  # others may use at most this share of all cores, on average, to be "quiet"


class OtherLoad:
    """A context manager: `summary()` after the block gives others' share of the machine."""

    def __init__(self, every_s: float = EVERY_S) -> None:
        self.every_s, self.me = every_s, os.getpid()
        self.samples: list[float] = []  # others' share of all cores in each interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> OtherLoad:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def summary(self) -> dict:
        """Mean and worst share of all cores used by other processes; quiet or not."""
        mean = sum(self.samples) / len(self.samples) if self.samples else 0.0
        worst = max(self.samples, default=0.0)
        return {
            "others_mean_share": round(mean, 3),
            "others_worst_share": round(worst, 3),
            "samples": len(self.samples),
            "quiet": mean <= QUIET_SHARE,
        }

    def _sample(self) -> None:
        cores = os.cpu_count() or 1
        before, at = _cpu_only(others_cpu(self.me)), time.monotonic()
        while not self._stop.wait(self.every_s):
            since = _uptime_s() - (time.monotonic() - at)  # the last sample, in boot time
            now, now_at = others_cpu(self.me), time.monotonic()
            used = sum(
                t - _baseline(before, pid, start, t, since) for pid, (t, start) in now.items()
            )
            self.samples.append(max(0.0, used / ((now_at - at) * cores)))
            before, at = {pid: t for pid, (t, _) in now.items()}, now_at


def _baseline(before: dict[int, float], pid: int, start: float, now: float, since: float) -> float:
    """CPU time to subtract: the last sample's; for a process new to the list, 0 if it started
    since then, else all of it (it left our tree, say a browser helper orphaned at exit)."""
    if pid in before:
        return before[pid]
    return 0.0 if start >= since else now


def _cpu_only(processes: dict[int, tuple[float, float]]) -> dict[int, float]:
    return {pid: cpu for pid, (cpu, _) in processes.items()}


def _uptime_s() -> float:
    return float(Path("/proc/uptime").read_text().split()[0])


def others_cpu(me: int) -> dict[int, tuple[float, float]]:
    """(CPU seconds so far, start time in seconds since boot) of every process outside `me`'s
    tree, by pid."""
    parents, cpu = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # it ended while we looked
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        # utime + stime, and starttime (fields 14, 15 and 22 of stat, counted from 1)
        cpu[pid] = ((int(fields[11]) + int(fields[12])) / TICKS, int(fields[19]) / TICKS)
    return {pid: t for pid, t in cpu.items() if not _descends(pid, me, parents)}


def _descends(pid: int, ancestor: int, parents: dict[int, int]) -> bool:
    seen = 0
    while pid > 1 and seen < 64:
        if pid == ancestor:
            return True
        pid, seen = parents.get(pid, 0), seen + 1
    return False
