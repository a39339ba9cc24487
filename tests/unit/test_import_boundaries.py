"""The pure core imports no web framework: the CLI, a notebook and a view run the same code."""

from __future__ import annotations

import subprocess
import sys

import pytest

WEB_PACKAGES = ("flask", "flask_sqlalchemy", "flask_wtf", "sqlalchemy", "wtforms")


@pytest.mark.parametrize(
    "module", ["survey_app.scoring", "survey_app.questionnaire.schema", "survey_app"]
)
def test_importing_the_core_loads_no_web_framework(module):
    # A fresh interpreter: this test process has Flask loaded already.
    probe = (
        f"import sys, {module}; print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    assert not set(WEB_PACKAGES) & set(loaded)


def test_the_app_factory_is_still_reachable_from_the_package():
    from survey_app import create_app
    from survey_app.factory import create_app as factory

    assert create_app is factory
