"""Readiness checks: can this instance reach its database and (when configured) Redis?

Each check is short-timed so a load balancer's probe never hangs on a dead dependency, and
returns only the name of the failing part: no URL, host or error text leaves the process."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

import sqlalchemy as sa
from flask import Flask, current_app

from .extensions import db


def app_version() -> str:
    """The installed package's version (the liveness answer)."""
    try:
        return version("cohesion-survey")
    except PackageNotFoundError:
        return "unknown"


def database_ready(timeout_ms: int) -> bool:
    """A `SELECT 1` on a pooled connection, with a statement timeout on PostgreSQL."""
    try:
        with db.engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(sa.text(f"SET statement_timeout = {int(timeout_ms)}"))
            connection.execute(sa.text("SELECT 1"))
            if connection.dialect.name == "postgresql":
                connection.execute(sa.text("RESET statement_timeout"))
        return True
    except Exception:  # any failure means "not ready"; the reason goes to the log only
        current_app.logger.warning("readiness: database check failed", exc_info=True)
        return False


def redis_ready(app: Flask) -> bool:
    """A Redis PING through a client with short socket timeouts; True when Redis is not used."""
    url = app.config.get("REDIS_URL")
    if not url:
        return True
    import redis

    timeout = app.config["HEALTH_TIMEOUT_SECONDS"]
    client = redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
    try:
        return bool(client.ping())
    except Exception:  # redis.RedisError, OSError: the reason goes to the log only
        app.logger.warning("readiness: redis check failed", exc_info=True)
        return False
    finally:
        client.close()


def failing_parts(app: Flask) -> list[str]:
    """The names of the parts this instance cannot reach, in a fixed order."""
    timeout_ms = int(app.config["HEALTH_TIMEOUT_SECONDS"] * 1000)
    parts = []
    if not database_ready(timeout_ms):
        parts.append("database")
    if not redis_ready(app):
        parts.append("redis")
    return parts
