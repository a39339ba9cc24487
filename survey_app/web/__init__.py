"""Blueprints: respond (public), sessions (facilitator), reports (officer), auth, admin."""

from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from . import (
        accessibility,
        admin,
        api,
        api_tokens,
        audit,
        auth,
        compression,
        converters,
        deletions,
        errors,
        headers,
        health,
        home,
        imports,
        language,
        nul_bytes,
        password_links,
        reports,
        respond,
        safeguarding,
        second_factor,
        sessions,
        staff_accounts,
    )

    compression.register(app)  # first: its after_request then runs last
    converters.register(app)
    nul_bytes.register(app)
    language.register(app)
    auth.init_limiter(app)
    blueprints = (auth, password_links, home, respond, sessions, deletions, reports, imports, admin)
    for module in (*blueprints, safeguarding, second_factor, staff_accounts, audit, health,
                   accessibility, api, api_tokens):  # fmt: skip
        app.register_blueprint(module.bp)
    errors.register(app)
    headers.register(app)
