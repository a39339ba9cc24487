"""`questionnaires check|sync|list`, and frozen versions refused at start-up and by sync."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.models import QuestionnaireVersion
from survey_app.questionnaire.startup import registry_of
from survey_app.sessions.service import create_session
from tests.conftest import TEST_QUESTIONNAIRES, make_app

ROOT = Path(__file__).resolve().parents[2]
FLASK = Path(sys.executable).parent / "flask"


def broken_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "questionnaires"
    shutil.copytree(TEST_QUESTIONNAIRES, folder)
    path = folder / "sample" / "v1.yaml"
    path.write_text(path.read_text().replace("scale: belonging\n", "scale: belongin\n", 1))
    return folder


def broken_line(folder: Path) -> int:
    text = (folder / "sample" / "v1.yaml").read_text()
    return text[: text.index("scale: belongin")].count("\n") + 1


def test_check_passes_on_the_shipped_files(app):
    result = app.test_cli_runner().invoke(
        args=["questionnaires", "check", str(ROOT / "questionnaires")]
    )
    assert result.exit_code == 0, result.output
    assert "4 questionnaire file(s) and 0 translation(s) valid" in result.output


def test_check_names_file_and_line_on_stderr(app, tmp_path):
    folder = broken_copy(tmp_path)
    result = app.test_cli_runner().invoke(args=["questionnaires", "check", str(folder)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    expected = "items[1].scale: unknown scale 'belongin' (did you mean 'belonging'?)"
    assert lines[0].endswith(f"v1.yaml:{broken_line(folder)}: {expected}")
    assert "Traceback" not in result.output


def run_flask(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """The installed `flask` command, as an admin types it in the project folder."""
    command = [str(FLASK), "--app", "survey_app", *args]
    return subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_check_runs_from_the_shell_even_when_the_app_could_not_start(tmp_path):
    """The real `flask` command: a broken folder stops the app, yet `check` still reports it."""
    if not FLASK.exists():
        pytest.skip(f"no flask command beside {sys.executable}")
    folder = broken_copy(tmp_path)
    env = os.environ | {
        "QUESTIONNAIRE_DIR": str(folder),
        "DATABASE_URL": f"sqlite:///{tmp_path}/x.db",
    }
    done = run_flask(["questionnaires", "check"], env)
    assert done.returncode == 1
    assert f"v1.yaml:{broken_line(folder)}: items[1].scale: unknown scale 'belongin'" in done.stderr
    assert "Traceback" not in done.stderr
    listed = run_flask(["questionnaires", "list"], env)
    assert listed.returncode == 1
    assert "Refusing to start" in listed.stderr and "Traceback" not in listed.stderr


def test_sync_records_each_version_once(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["questionnaires", "sync"])
    assert first.exit_code == 0 and "added sample v1" in first.output
    again = runner.invoke(args=["questionnaires", "sync"])
    assert again.exit_code == 0 and "1 version(s) unchanged" in again.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuestionnaireVersion)) == 1


def test_list_shows_each_version(app):
    result = app.test_cli_runner().invoke(args=["questionnaires", "list"])
    assert result.exit_code == 0
    assert result.output.startswith(
        "sample\tv1\tsecondary\tpre/post\t8 items\ten,cy\tSample survey"
    )


def edited_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "edited"
    shutil.copytree(TEST_QUESTIONNAIRES, folder)
    path = folder / "sample" / "v1.yaml"
    path.write_text(path.read_text().replace("I feel I belong in my area.", "I like my area."))
    return folder


def test_a_frozen_version_cannot_change(app, database_url, tmp_path):
    create_session(
        registry_of(app),
        organisation="Oak School",
        questionnaire_id="sample",
        session_date=date(2026, 11, 2),
        open_now=True,
    )
    before = db.session.scalars(sa.select(QuestionnaireVersion.content_hash)).all()
    folder = edited_copy(tmp_path)

    with pytest.raises(SystemExit) as refused:
        make_app(database_url, QUESTIONNAIRE_DIR=folder)
    message = str(refused.value.code)
    assert "edited/sample/v1.yaml:1: version 1 is used by sessions and cannot change" in message
    assert "new file v2.yaml" in message

    db.session.expire_all()
    assert db.session.scalars(sa.select(QuestionnaireVersion.content_hash)).all() == before


def test_sync_refuses_a_changed_frozen_version_and_changes_nothing(app, tmp_path):
    from survey_app.questionnaire import load_folder
    from survey_app.questionnaire.sync import sync

    create_session(
        registry_of(app),
        organisation="Oak School",
        questionnaire_id="sample",
        session_date=date(2026, 11, 2),
        open_now=True,
    )
    before = db.session.scalars(sa.select(QuestionnaireVersion.content_hash)).all()
    with pytest.raises(ValueError, match="add|new file v2.yaml"):
        sync(load_folder(edited_copy(tmp_path)), "edited")
    db.session.expire_all()
    assert db.session.scalars(sa.select(QuestionnaireVersion.content_hash)).all() == before


def test_an_unused_version_may_still_be_edited(app, tmp_path):
    from survey_app.questionnaire import load_folder
    from survey_app.questionnaire.sync import sync

    sync(registry_of(app))
    report = sync(load_folder(edited_copy(tmp_path)), "edited")
    assert report.updated == ["sample v1"]
