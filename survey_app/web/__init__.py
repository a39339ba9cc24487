"""Blueprints: respond (public), sessions (facilitator), reports (officer), auth, admin."""

from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from . import admin, audit, auth, errors, headers, home, imports, reports, respond, sessions

    for module in (auth, home, respond, sessions, reports, imports, admin, audit):
        app.register_blueprint(module.bp)
    errors.register(app)
    headers.register(app)
