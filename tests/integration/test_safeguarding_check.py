"""`flask safeguarding check`, and the app refusing to start on a broken term list."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import make_app

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "survey_app" / "safeguarding" / "terms"
FLASK = Path(sys.executable).parent / "flask"


def broken_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "terms"
    shutil.copytree(SHIPPED, folder)
    path = folder / "en.yaml"
    path.write_text(path.read_text().replace("  bullying:\n", "  bulying:\n", 1))
    return folder


def broken_line(folder: Path) -> int:
    text = (folder / "en.yaml").read_text()
    return text[: text.index("  bulying:")].count("\n") + 1


def test_check_passes_on_the_shipped_lists(app):
    result = app.test_cli_runner().invoke(args=["safeguarding", "check", str(SHIPPED)])
    assert result.exit_code == 0, result.output
    assert "en: " in result.output and "(ready)" in result.output
    assert "pl: " in result.output and "(draft)" in result.output


def test_check_names_file_and_line_and_exits_1(app, tmp_path):
    folder = broken_copy(tmp_path)
    result = app.test_cli_runner().invoke(args=["safeguarding", "check", str(folder)])
    assert result.exit_code == 1
    assert f"terms/en.yaml:{broken_line(folder)}: unknown category 'bulying'" in result.output


def test_check_runs_from_the_shell_even_when_the_app_would_not_start(tmp_path):
    folder = broken_copy(tmp_path)
    env = {"PATH": str(FLASK.parent), "SAFEGUARDING_TERMS_DIR": str(folder)}
    done = subprocess.run(
        [str(FLASK), "--app", "survey_app", "safeguarding", "check"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"en.yaml:{broken_line(folder)}: unknown category" in done.stderr


def test_the_app_refuses_to_start_on_a_broken_list(database_url, tmp_path):
    folder = broken_copy(tmp_path)
    with pytest.raises(SystemExit) as stopped:
        make_app(database_url, SAFEGUARDING_TERMS_DIR=folder)
    assert f"en.yaml:{broken_line(folder)}: unknown category 'bulying'" in str(stopped.value)
