"""The Flask application factory: settings, extensions, questionnaires, blueprints, CLI."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from flask import Flask

from config import Config, config_from_env

from . import connection_checks
from .extensions import csrf, db, login, migrate

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def create_app(config_class: type[Config] | None = None, **overrides: Any) -> Flask:
    """Build the app. Refuses to start (SystemExit) on unsafe settings or a bad questionnaire."""
    config_class = config_class or config_from_env()
    config_class.validate()
    app = Flask(__name__)
    app.config.from_object(config_class)
    app.config.update(overrides)
    _make_sqlite_folder(app.config["SQLALCHEMY_DATABASE_URI"])

    db.init_app(app)
    with app.app_context():
        connection_checks.install(db.engine)
    migrate.init_app(app, db, directory=str(MIGRATIONS))
    csrf.init_app(app)
    login.init_app(app)

    from .cli import register_cli
    from .questionnaire.startup import load_questionnaires
    from .respond.link_cache import init_link_cache
    from .safeguarding.startup import load_term_lists
    from .web import register_blueprints
    from .web.session_cookie import CachedSerializerSessions

    load_questionnaires(app)
    load_term_lists(app)
    init_link_cache(app)
    app.session_interface = CachedSerializerSessions()
    register_blueprints(app)
    register_cli(app)
    _close_start_up_connections(app)
    if not app.testing:
        # What start-up made (modules, the app, questionnaires) lives as long as the process, so
        # the cycle collector need never walk it again: shorter pauses while serving, and a
        # third of a second less to exit a CLI command. Tests make hundreds of apps: not there.
        gc.freeze()
    return app


def _close_start_up_connections(app: Flask) -> None:
    """Start-up reads the database (questionnaire translations are frozen there). gunicorn with
    preload_app (deploy/) builds the app once and then forks its workers: a pooled connection
    left open here would be shared by every worker, one socket for many, and answers would fail
    with "server closed the connection". Each process opens its own from an empty pool."""
    if app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:///:memory:":
        return  # the pool is the database itself
    with app.app_context():
        db.engine.dispose()


def _make_sqlite_folder(uri: str) -> None:
    """The default SQLite file lives under instance/, which a fresh clone does not have."""
    if uri.startswith("sqlite:///") and uri != "sqlite:///:memory:":
        Path(uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
