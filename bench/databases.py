"""Fresh, throwaway databases for one benchmark run: a SQLite file or a PostgreSQL database."""

from __future__ import annotations

import sqlite3
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PG_HOST, PG_PORT, PG_USER = "127.0.0.1", "5432", "postgres"
KINDS = ("sqlite", "postgresql")


@dataclass(frozen=True)
class BenchDatabase:
    """Where one run's data lives: `url` for SQLAlchemy, `connect()` for raw DB-API access."""

    kind: str
    url: str
    path: Path | None = None  # the SQLite file
    name: str = ""  # the PostgreSQL database name

    def connect(self):
        """A raw DB-API connection (sqlite3 or psycopg), for bulk inserts and checks."""
        if self.kind == "sqlite":
            conn = sqlite3.connect(self.path, timeout=30)
            conn.execute("PRAGMA journal_mode=WAL")
            return conn
        import psycopg

        return psycopg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=self.name)

    @property
    def placeholder(self) -> str:
        return "?" if self.kind == "sqlite" else "%s"


@contextmanager
def fresh_database(kind: str, label: str) -> Iterator[BenchDatabase]:
    """An empty database, removed afterwards (even when the benchmark fails)."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix=f"bench-{label}-") as folder:
            path = Path(folder) / "bench.db"
            yield BenchDatabase("sqlite", f"sqlite:///{path}", path=path)
        return
    if kind != "postgresql":
        raise ValueError(f"unknown database kind {kind!r} (known: {', '.join(KINDS)})")
    name = f"bench_{label}_{uuid.uuid4().hex[:10]}"
    _pg_tool("createdb", name)
    try:
        url = f"postgresql+psycopg://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"
        yield BenchDatabase("postgresql", url, name=name)
    finally:
        _pg_tool("dropdb", "--force", "--if-exists", name)


def postgres_available() -> str | None:
    """None when the local PostgreSQL server answers, else the reason it does not."""
    try:
        _pg_tool("psql", "-tAc", "select 1", "postgres")
    except (OSError, subprocess.CalledProcessError) as exc:
        return f"no PostgreSQL at {PG_HOST}:{PG_PORT}: {exc}"
    return None


def _pg_tool(tool: str, *args: str) -> None:
    cmd = [tool, "-h", PG_HOST, "-p", PG_PORT, "-U", PG_USER, *args]
    subprocess.run(cmd, check=True, capture_output=True, timeout=60)
