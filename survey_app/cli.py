"""Registers each CLI group with the app; each group lives in the module that owns its concept."""

from __future__ import annotations

from flask import Flask


def register_cli(app: Flask) -> None:
    from .audit.cli import audit_cli
    from .auth.api_tokens_cli import api_tokens_cli
    from .auth.cli import users_cli
    from .questionnaire.cli import questionnaires_cli
    from .reports.cli import report_cli
    from .responses.cli import responses_cli
    from .responses.purge_cli import data_cli
    from .safeguarding.cli import safeguarding_cli
    from .sessions.cli import sessions_cli

    for group in (
        questionnaires_cli,
        users_cli,
        sessions_cli,
        report_cli,
        responses_cli,
        data_cli,
        audit_cli,
        safeguarding_cli,
        api_tokens_cli,
    ):
        app.cli.add_command(group)
