"""The cluster `deploy/local-cluster up` starts, seen from a test or a benchmark: its parts, and
the faults a real deployment meets (an instance killed, database connections cut, Redis gone).

Used by tests/integration/test_cluster*.py (against the cluster .ci/run starts) and by
bench/cluster.py (which starts its own with `started`).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import sqlalchemy as sa

from bench.paths import ROOT

SCRIPT = ROOT / "deploy" / "local-cluster"
STOPPED_WAIT_S = 20


class LocalCluster:
    """What `deploy/local-cluster up` printed and recorded in its folder."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        lines = (directory / "cluster.txt").read_text().splitlines()
        parts = [line.split(": ", 1) for line in lines]
        self.proxy = next(value for key, value in parts if key == "proxy")
        self.instances = [value for key, value in parts if key == "instance"]
        self.database = next(value for key, value in parts if key == "database")
        self.email, self.password = next(v for k, v in parts if k == "login").split(" ", 1)
        self.state = json.loads((directory / "state.json").read_text())
        self.env = os.environ | dict(
            line.split("=", 1) for line in (directory / "cluster.env").read_text().splitlines()
        )

    # ---- the app's own commands and database ----

    def flask(self, *args: str) -> str:
        command = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "survey_app", *args]
        result = subprocess.run(command, env=self.env, cwd=ROOT, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"flask {' '.join(args)} failed: {result.stderr[-2000:]}")
        return result.stdout

    def new_session(self, organisation: str = "Cluster School") -> dict:
        """A new pupils-secondary session with its BEFORE phase open (`sessions create --json`)."""
        made = json.loads(self.flask("sessions", "create", "--org", organisation,
                                     "--questionnaire", "pupils-secondary",
                                     "--date", "2026-12-01", "--json"))  # fmt: skip
        self.flask("sessions", "open", str(made["id"]), "--phase", "pre")
        return made

    def count(self, sql: str, **params) -> int:
        return int(self.query(sql, **params)[0][0] or 0)

    def query(self, sql: str, **params) -> list[tuple]:
        engine = sa.create_engine(self.database)
        try:
            with engine.connect() as connection:
                return [tuple(row) for row in connection.execute(sa.text(sql), params)]
        finally:
            engine.dispose()

    def stored(self, session_id: int) -> list[tuple[str, object]]:
        """(response id, answers) of every stored row of a session, as bench/verify.py reads."""
        rows = self.query(
            "SELECT response_uuid, answers FROM response WHERE session_id = :s", s=session_id
        )
        return [(uuid, json.loads(a) if isinstance(a, str) else a) for uuid, a in rows]

    # ---- faults ----

    def instance_pid(self, number: int) -> int | None:
        try:
            return int(Path(self.state["instances"][number - 1]["pidfile"]).read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def kill_instance(self, number: int) -> None:
        """SIGKILL an instance's gunicorn master and its workers at once, as a crashed server."""
        master = self.instance_pid(number)
        if master is None:
            return
        for pid in [*_children(master), master]:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + STOPPED_WAIT_S
        while time.monotonic() < deadline and Path(f"/proc/{master}").exists():
            if _zombie(master):
                break
            time.sleep(0.05)

    def start_instance(self, number: int) -> None:
        """Start instance `number` again, on its port (`deploy/local-cluster start-instance`)."""
        subprocess.run([str(SCRIPT), "start-instance", str(number), "--dir",
                        str(self.directory)], check=True, capture_output=True)  # fmt: skip

    def terminate_backends(self) -> int:
        """Cut every PostgreSQL connection to this cluster's database (as a fail-over does)."""
        name = self.state["database"]["name"]
        engine = sa.create_engine(self.database.rsplit("/", 1)[0] + "/postgres")
        try:
            with engine.connect() as connection:
                cut = connection.execute(
                    sa.text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = :name AND pid <> pg_backend_pid()"
                    ),  # fmt: skip
                    {"name": name},
                ).fetchall()
        finally:
            engine.dispose()
        return len(cut)


@contextmanager
def repeatedly(every_s: float, fault) -> Iterator[list]:
    """Run `fault()` every `every_s` seconds in a thread while the block runs; yields the list
    of what each call returned."""
    stop, done = threading.Event(), []

    def loop() -> None:
        while not stop.wait(every_s):
            done.append(fault())

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield done
    finally:
        stop.set()
        thread.join()


@contextmanager
def started(workers: int = 2, settings: dict | None = None) -> Iterator[LocalCluster]:
    """A cluster of our own in a temporary folder, always taken down afterwards; `settings`
    (limits only, deploy/local-cluster PASSED_ON) go to every instance."""
    directory = Path(tempfile.mkdtemp(prefix="bench-cluster-")) / "cluster"
    up = subprocess.run([str(SCRIPT), "up", "--dir", str(directory), "--workers", str(workers)],
                        capture_output=True, text=True, cwd=ROOT,
                        env=os.environ | (settings or {}))  # fmt: skip
    try:
        if up.returncode != 0:
            raise RuntimeError(f"deploy/local-cluster up failed: {up.stderr[-2000:]}")
        yield LocalCluster(directory)
    finally:
        subprocess.run([str(SCRIPT), "down", "--dir", str(directory)], capture_output=True)


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")
    except (OSError, IndexError):
        return False
