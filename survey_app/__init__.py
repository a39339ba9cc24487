"""Cohesion session surveys.

`create_app` is looked up lazily (PEP 562), so that importing a domain package such as
`survey_app.scoring` or `survey_app.questionnaire.schema` loads neither Flask nor SQLAlchemy:
the CLI, a notebook and the tests use the same pure code without building a web app.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .factory import create_app

        return create_app
    raise AttributeError(f"module 'survey_app' has no attribute {name!r}")
