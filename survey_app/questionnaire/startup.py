"""Loading every questionnaire when the app starts, refusing to start on any problem."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from flask import Flask

from ..extensions import db
from .loader import load_folder
from .problems import QuestionnaireError
from .registry import Registry
from .sync import frozen_problems

EXTENSION_KEY = "questionnaires"


def load_questionnaires(app: Flask) -> Registry:
    """Parse the folder once; SystemExit with `path:line:` lines on a broken or changed file."""
    folder = Path(app.config["QUESTIONNAIRE_DIR"])
    try:
        registry = load_folder(folder)
    except QuestionnaireError as exc:
        raise SystemExit(f"Refusing to start: questionnaire problems\n{exc}") from None
    with app.app_context():
        if sa.inspect(db.engine).has_table("questionnaire_version"):
            problems = frozen_problems(registry, folder.name)
            if problems:
                raise SystemExit("Refusing to start:\n" + "\n".join(problems))
    app.extensions[EXTENSION_KEY] = registry
    return registry


def registry_of(app: Flask) -> Registry:
    """The registry loaded at start-up."""
    registry: Registry = app.extensions[EXTENSION_KEY]
    return registry
