"""A pooled database connection is checked before use, except where a retry does it better.

SQLAlchemy's `pool_pre_ping` sends `SELECT 1` on every checkout, so that a connection the
database closed (a fail-over, a restart, `pg_terminate_backend`) is replaced before a page
fails on it. That is right for every officer's page. On a pupil's answer it doubles the round
trips of the one INSERT a submission needs (bench/throughput.py). The insert is safe to send
twice (the unique response id decides, respond/store.py), so it skips the check and, when its
connection turns out to be dead, sends itself again on a fresh one (`retried_on_disconnect`).

The check is SQLAlchemy's documented checkout listener ("custom pessimistic ping", raising
DisconnectionError so the pool takes a fresh connection), with the dialect's own ping.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, DisconnectionError

T = TypeVar("T")
_checking = ContextVar("check_pooled_connections", default=True)


def install(engine: Engine) -> None:
    """Check each connection this engine's pool hands out (unless `unchecked()` is in force)."""
    dialect = engine.dialect

    @event.listens_for(engine, "checkout")
    def _ping(dbapi_connection, _record, _proxy) -> None:
        if not _checking.get():
            return
        try:
            alive = dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            raise DisconnectionError("the pooled connection is closed") from error
        if not alive:
            raise DisconnectionError("the pooled connection is closed")


@contextmanager
def unchecked() -> Iterator[None]:
    """Connections taken inside this block are not pinged: the caller retries instead."""
    reset = _checking.set(False)
    try:
        yield
    finally:
        _checking.reset(reset)


def retried_on_disconnect(statement: Callable[[], T]) -> T:
    """Run an idempotent statement on an unchecked connection; once more if that one was dead.

    SQLAlchemy marks a failure caused by a lost connection `connection_invalidated` and has then
    already invalidated the pool's older connections, so the second attempt gets a fresh one."""
    try:
        with unchecked():
            return statement()
    except DBAPIError as error:
        if not error.connection_invalidated:
            raise
    return statement()
