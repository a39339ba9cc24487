"""A questionnaire or term list nested too deep, or holding a `<<:` merge key, stops the app at
start-up with `path:line:`, never a traceback (issue 12)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import TEST_QUESTIONNAIRES, make_app

DEEP = "note: " + "[" * 1000 + "]" * 1000 + "\n"
MERGE = "note:\n  <<: {a: b}\n"


@pytest.mark.parametrize(
    ("added", "message"),
    [(DEEP, "nested more than 20 levels deep"), (MERGE, "YAML merge keys (<<) are not allowed")],
)
def test_a_questionnaire_stops_the_app_naming_its_line(database_url, tmp_path, added, message):
    folder = tmp_path / "q"
    shutil.copytree(TEST_QUESTIONNAIRES, folder)
    path = folder / "sample" / "v1.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + added, encoding="utf-8")
    line = text.count("\n") + 1 + (1 if added is MERGE else 0)
    with pytest.raises(SystemExit) as stopped:
        make_app(database_url, QUESTIONNAIRE_DIR=folder)
    shown = str(stopped.value)
    assert f"sample/v1.yaml:{line}: {message}" in shown
    assert "Traceback" not in shown


def test_a_term_list_stops_the_app_naming_its_line(database_url, tmp_path):
    shipped = Path(__file__).resolve().parents[2] / "survey_app" / "safeguarding" / "terms"
    folder = tmp_path / "terms"
    shutil.copytree(shipped, folder)
    path = folder / "en.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + DEEP, encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        make_app(database_url, SAFEGUARDING_TERMS_DIR=folder)
    assert f"terms/en.yaml:{text.count(chr(10)) + 1}: nested more than 20" in str(stopped.value)
