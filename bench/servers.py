"""Starting gunicorn on 127.0.0.1 for a benchmark, and always stopping it again.

Ours and the ceiling run with the same settings (GUNICORN_ARGS): 2 workers (one per core of the
reference machine), gthread with 4 threads each, no access log, no --preload (each worker opens
its own database connections after the fork, as in production).
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from bench.databases import BenchDatabase
from bench.paths import PYTHON, RESULTS, ROOT, SHIPPED_QUESTIONNAIRES

WORKERS, THREADS = 2, 4
GUNICORN_ARGS = (
    f"--workers={WORKERS}",
    "--worker-class=gthread",
    f"--threads={THREADS}",
    "--log-level=warning",
    "--graceful-timeout=3",
    "--timeout=30",
)
OURS = "survey_app:create_app()"
CEILING = "bench.ceiling_app:app"
START_TIMEOUT_S = 90


@dataclass(frozen=True)
class Server:
    """A running gunicorn master on 127.0.0.1:port."""

    proc: subprocess.Popen
    port: int
    log: Path

    @property
    def pid(self) -> int:
        return self.proc.pid

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def check_alive(self) -> None:
        """RuntimeError with the log's tail if the master has exited (say, workers failed)."""
        if self.proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited during the run:\n{self.log.read_text()[-3000:]}")


def free_port(avoid: int | None = None) -> int:
    """A port nothing listens on now (and not `avoid`, one already handed out)."""
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port != avoid:
            return port


BENCH_PUPIL_LIMIT = "10000000 per minute"


def app_env(db: BenchDatabase, port: int, questionnaire_dir: Path | None = None) -> dict:
    """The environment our app reads its settings from (development config, explicit key)."""
    return {
        "SECRET_KEY": secrets.token_hex(32),
        "DATABASE_URL": db.url,
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        "QUESTIONNAIRE_DIR": str(questionnaire_dir or SHIPPED_QUESTIONNAIRES),
        # The pupil limits stay on (their look-ups and counts are paid on every answer) but far
        # above the bench's rate, where a real deployment spreads such load over many sessions.
        "PUPIL_LINK_LIMIT": BENCH_PUPIL_LIMIT,
        "PUPIL_DEVICE_LIMIT": BENCH_PUPIL_LIMIT,
    }


def ceiling_env(db: BenchDatabase) -> dict:
    return {"CEILING_PG": db.name} if db.kind == "postgresql" else {"CEILING_SQLITE": str(db.path)}


@contextmanager
def gunicorn(app_spec: str, env: dict, port: int, ready_path: str, label: str) -> Iterator[Server]:
    """Serve `app_spec` until the block ends; the whole process group is killed afterwards."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = RESULTS / f"gunicorn-{label}.log"
    cmd = [PYTHON, "-m", "gunicorn", f"--bind=127.0.0.1:{port}", *GUNICORN_ARGS, app_spec]
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env=os.environ | env, stdout=out, stderr=out, start_new_session=True
        )
    try:
        server = Server(proc, port, log)
        _wait_until_ready(proc, server, ready_path)
        yield server
    finally:
        _stop(proc)


def worker_pids(master_pid: int) -> list[int]:
    """The live gunicorn workers: the children of the master."""
    try:
        text = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text()
    except OSError:
        return []
    return [int(pid) for pid in text.split()]


def _wait_until_ready(proc: subprocess.Popen, server: Server, path: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited at start:\n{server.log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(server.base_url + path, timeout=5) as reply:
                if reply.status < 500 and len(worker_pids(server.pid)) == WORKERS:
                    return
        except urllib.error.HTTPError as exc:
            if exc.code < 500:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn not ready after {START_TIMEOUT_S} s: {server.log}")


def _stop(proc: subprocess.Popen) -> None:
    """TERM the master (it stops its workers); KILL our process group if it lingers."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
    with suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)  # the group we created: only our own processes
    proc.wait(timeout=10)
