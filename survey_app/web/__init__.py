"""Blueprints: respond (public), sessions (facilitator), reports (officer), auth, admin."""

from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from . import (
        admin,
        audit,
        auth,
        converters,
        deletions,
        errors,
        headers,
        health,
        home,
        imports,
        language,
        reports,
        respond,
        sessions,
    )

    converters.register(app)
    language.register(app)
    blueprints = (auth, home, respond, sessions, deletions, reports, imports, admin, audit, health)
    for module in blueprints:
        app.register_blueprint(module.bp)
    errors.register(app)
    headers.register(app)
