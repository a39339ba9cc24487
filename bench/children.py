"""Running a command as a child process, timed, with its own peak memory; or under pyinstrument."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

from bench.paths import PROFILES, PYTHON, ROOT

TIMEOUT_S = 900


def timed_child(cmd: list[str], env: dict) -> dict:
    """Wall seconds, peak RSS (MiB, this child and its waited-for children only), exit code."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=os.environ | env, stdout=out, stderr=out)
        try:
            # wait4 gives the rusage of this one child, not of every child this process had
            _, status, usage = _wait4(proc.pid)
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    return {
        "seconds": round(seconds, 3),
        "peak_mib": round(usage.ru_maxrss / 1024, 1),
        "returncode": proc.returncode,
        "output_tail": output[-2000:],
        "output_lines": output.count("\n"),
    }


def profile_child(name: str, module_args: list[str], env: dict) -> Path:
    """Run `python -m <module_args>` under pyinstrument; the text profile's path."""
    PROFILES.mkdir(parents=True, exist_ok=True)
    path = PROFILES / f"{name}.txt"
    cmd = [PYTHON, "-m", "pyinstrument", "-r", "text", "--no-color", "-o", str(path)]
    subprocess.run(
        cmd + ["-m", *module_args],
        cwd=ROOT,
        env=os.environ | env,
        capture_output=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    return path


def _wait4(pid: int):
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        waited, status, usage = os.wait4(pid, os.WNOHANG)
        if waited:
            return waited, status, usage
        time.sleep(0.02)
    raise TimeoutError(f"child {pid} still running after {TIMEOUT_S} s")
