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
    """Run `python -m <module_args>` under pyinstrument; the tree profile's path (the flat
    profile, functions by their own time, is written beside it as <name>-flat.txt)."""
    PROFILES.mkdir(parents=True, exist_ok=True)
    session = PROFILES / f"{name}.pyisession"
    run = [PYTHON, "-m", "pyinstrument"]
    _quietly(run + ["-r", "pyisession", "-o", str(session), "-m", *module_args], env)
    tree, flat = PROFILES / f"{name}.txt", PROFILES / f"{name}-flat.txt"
    _quietly(run + ["--load", str(session), "-r", "text", "--no-color", "-o", str(tree)], env)
    _quietly(run + ["--load", str(session), "-r", "text", "--no-color", "-p", "flat"]
             + ["-o", str(flat)], env)  # fmt: skip
    session.unlink(missing_ok=True)
    return tree


def save_profile(profiler, name: str) -> Path:
    """An in-process pyinstrument profile as <name>.txt (tree) and <name>-flat.txt."""
    PROFILES.mkdir(parents=True, exist_ok=True)
    tree = PROFILES / f"{name}.txt"
    tree.write_text(profiler.output_text(color=False))
    (PROFILES / f"{name}-flat.txt").write_text(profiler.output_text(color=False, flat=True))
    return tree


def _quietly(cmd: list[str], env: dict) -> None:
    subprocess.run(
        cmd, cwd=ROOT, env=os.environ | env, capture_output=True, timeout=TIMEOUT_S, check=False
    )


def _wait4(pid: int):
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        waited, status, usage = os.wait4(pid, os.WNOHANG)
        if waited:
            return waited, status, usage
        time.sleep(0.02)
    raise TimeoutError(f"child {pid} still running after {TIMEOUT_S} s")
