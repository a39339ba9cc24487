"""Facts about the machine and software a run was measured on, and how busy the machine was."""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
from importlib import metadata

PACKAGES = ("flask", "sqlalchemy", "gunicorn", "pandas", "numpy", "psycopg", "matplotlib")
PACKAGES += ("reportlab", "qrcode", "playwright")
PG_VERSION = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "show server_version"]
QUIET_LOAD_PER_CORE = 0.25  # a 1-minute load average above this per core means "busy"


def facts() -> dict:
    """Cores, RAM, Python, package and server versions, git commit."""
    return {
        "cores": os.cpu_count(),
        "ram_gib": round(_mem_total_kib() / 1024**2, 1),
        "cpu": _cpu_model(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": _command(PG_VERSION),
        "chromium": _command(["/usr/bin/chromium", "--version"]),
        "git_commit": _command(["git", "rev-parse", "--short", "HEAD"]),
        "packages": {name: _version(name) for name in PACKAGES},
    }


def load_average() -> float:
    return round(os.getloadavg()[0], 2)


def is_quiet(load: float) -> bool:
    return load <= QUIET_LOAD_PER_CORE * (os.cpu_count() or 1)


def _mem_total_kib() -> int:
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                return int(line.split()[1])
    return 0


def _cpu_model() -> str:
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _command(cmd: list[str]) -> str:
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except OSError as exc:
        return f"unavailable ({exc.__class__.__name__})"
    return proc.stdout.strip() or "unavailable"
