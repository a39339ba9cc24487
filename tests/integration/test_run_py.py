"""The README's first command: `python run.py` serves pages on localhost with demo data."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def printed_lines(server: subprocess.Popen, until_links: int) -> list[str]:
    """What run.py printed up to its last demo link (migration logs come first)."""
    lines: list[str] = []
    while sum(" link:" in line for line in lines) < until_links:
        line = server.stdout.readline()
        assert line, f"run.py stopped early: {lines}"
        lines.append(line)
    return lines


def first_url(line: str) -> str:
    return next(word for word in line.split() if word.startswith("http"))


def test_run_py_serves_sign_in_and_the_demo_session(tmp_path):
    # Only PORT is given, as a newcomer would: the printed links must use it.
    port = free_port()
    env = os.environ | {"PORT": str(port), "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}"}
    env.pop("APP_ENV", None)
    env.pop("PUBLIC_BASE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "run.py"],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        lines = printed_lines(server, until_links=2)
        assert any(line.startswith("Staff sign-in:") for line in lines), lines
        urls = [first_url(line) for line in lines if " link:" in line]
        assert len(urls) == 2, lines  # the demo session's BEFORE and AFTER links
        sign_in = first_url(next(line for line in lines if line.startswith("Staff sign-in:")))
        assert all(u.startswith(f"http://127.0.0.1:{port}/") for u in [sign_in, *urls]), lines
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=5) as page:
                    assert page.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline, "run.py did not start serving"
                time.sleep(0.3)
        for url in urls:
            with urllib.request.urlopen(url, timeout=5) as page:
                assert page.status == 200, url
    finally:
        server.terminate()
        server.wait(timeout=10)
