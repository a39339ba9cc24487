"""`flask sessions create|show|open|close|sheet`, through the CLI runner on the real database."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pypdfium2
import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.models import Organisation, Response, SessionLink, SurveySession
from survey_app.sessions.codes import ALPHABET
from tests.conftest import TEST_QUESTIONNAIRES, make_app

CODE = re.compile(f"^[{ALPHABET}]{{8}}$")
FEEDBACK_YAML = """\
id: feedback
version: 1
audience: adult
languages: [en]
title: {en: Event feedback}
intro: {en: Tell us what you thought.}
response_sets:
  yesno:
    kind: choice
    options:
      - {value: 1, label: {en: "Yes"}}
      - {value: 2, label: {en: "No"}}
items:
  - id: useful
    type: single_choice
    text: {en: "Was the event useful?"}
    response_set: yesno
    phases: [single]
"""


@pytest.fixture
def cli_app(app, tmp_path: Path, database_url: str):
    """The app over a folder holding sample v1 and v2 and a single-phase form; same database,
    emptied by the `app` fixture afterwards."""
    folder = tmp_path / "questionnaires"
    shutil.copytree(TEST_QUESTIONNAIRES, folder)
    v1 = (folder / "sample" / "v1.yaml").read_text()
    (folder / "sample" / "v2.yaml").write_text(v1.replace("version: 1", "version: 2", 1))
    (folder / "feedback").mkdir()
    (folder / "feedback" / "v1.yaml").write_text(FEEDBACK_YAML)
    other = make_app(database_url, QUESTIONNAIRE_DIR=folder)
    with other.app_context():
        yield other
        db.session.remove()


def run(app, *args: str):
    return app.test_cli_runner().invoke(args=["sessions", *args])


def create_json(app, *extra: str) -> dict:
    result = run(
        app, "create", "--org", "Oak School", "--questionnaire", "sample", "--date", "2026-03-14",
        "--open", *extra, "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def add_responses(session_id: int, rows: list[tuple[str, str | None]]) -> None:
    """Responses as (phase, respondent key); answers do not matter to counts."""
    for n, (phase, key) in enumerate(rows):
        db.session.add(
            Response(
                response_uuid=f"00000000-0000-4000-8000-{session_id:06d}{n:06d}",
                session_id=session_id, phase=phase, questionnaire_id="sample",
                questionnaire_version=2, respondent_key=key, answers={},
            )
        )  # fmt: skip
    db.session.commit()


def test_create_pins_the_latest_version_and_prints_links_and_codes(cli_app):
    made = create_json(cli_app, "--programme", "Cohesion sessions", "--group", "Year 5")
    assert (made["questionnaire"], made["version"]) == ("sample", 2)
    links = db.session.scalars(sa.select(SessionLink).filter_by(session_id=made["id"])).all()
    by_phase = {link.phase: link for link in links}
    assert set(by_phase) == {"pre", "post"}
    assert made["pre_url"] == f"http://localhost/s/{by_phase['pre'].token}"
    assert made["post_url"] == f"http://localhost/s/{by_phase['post'].token}"
    assert made["code"] == by_phase["pre"].code
    assert made["codes"] == {"pre": by_phase["pre"].code, "post": by_phase["post"].code}
    assert all(CODE.match(code) for code in made["codes"].values())
    assert made["phases"] == {"pre": "open", "post": "open"}
    assert (made["organisation"], made["programme"], made["group"], made["date"]) == (
        "Oak School", "Cohesion sessions", "Year 5", "2026-03-14",
    )  # fmt: skip


def test_an_organisation_is_added_once_whatever_its_case(cli_app):
    first = create_json(cli_app)
    result = run(
        cli_app, "create", "--org", "oak school ", "--questionnaire", "sample",
        "--date", "2026-03-15", "--json",
    )  # fmt: skip
    second = json.loads(result.stdout)
    assert second["id"] != first["id"]
    assert second["organisation"] == "Oak School"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Organisation)) == 1


def test_a_single_phase_form_has_one_link_and_no_post_url(cli_app):
    result = run(
        cli_app, "create", "--org", "Ward 3", "--questionnaire", "feedback",
        "--date", "2026-04-01", "--open", "--json",
    )  # fmt: skip
    made = json.loads(result.stdout)
    assert made["post_url"] is None
    link = db.session.scalar(sa.select(SessionLink).filter_by(session_id=made["id"]))
    assert made["single_url"] == made["pre_url"] == f"http://localhost/s/{link.token}"
    assert made["code"] == link.code
    assert made["phases"] == {"single": "open"}


def test_show_counts_responses_and_matched_pairs(cli_app):
    made = create_json(cli_app)
    add_responses(
        made["id"],
        [("pre", "a"), ("pre", "b"), ("pre", "c"), ("post", "a"), ("post", "b"), ("post", "z")],
    )
    result = run(cli_app, "show", str(made["id"]), "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert (shown["id"], shown["pre"], shown["post"], shown["matched"]) == (made["id"], 3, 3, 2)
    assert shown["phases"] == {"pre": "open", "post": "open"}
    assert "answers" not in result.stdout


def test_close_and_open_one_phase_or_all(cli_app):
    made = create_json(cli_app)
    session_id = str(made["id"])

    def phases() -> dict:
        return json.loads(run(cli_app, "show", session_id, "--json").stdout)["phases"]

    assert run(cli_app, "close", session_id, "--phase", "post").exit_code == 0
    assert phases() == {"pre": "open", "post": "closed"}
    assert run(cli_app, "close", session_id).exit_code == 0
    assert phases() == {"pre": "closed", "post": "closed"}
    result = run(cli_app, "open", session_id, "--phase", "pre")
    assert result.output.strip() == f"session {session_id}: pre open"
    assert phases() == {"pre": "open", "post": "closed"}


def test_readable_output_shows_typed_codes_and_counts(cli_app):
    made = create_json(cli_app)
    shown = run(cli_app, "show", str(made["id"])).output
    code = made["codes"]["post"]
    assert f"{code[:4]}-{code[4:]}" in shown
    assert made["post_url"] in shown
    assert "matched pairs: 0" in shown


@pytest.mark.parametrize("copies, pages", [("1", 2), ("4", 2)])
def test_sheet_writes_a_pdf_with_a_page_per_phase(cli_app, tmp_path, copies, pages):
    made = create_json(cli_app)
    target = tmp_path / "sheet.pdf"
    result = run(cli_app, "sheet", str(made["id"]), "-o", str(target), "--copies", copies)
    assert result.exit_code == 0, result.output
    document = pypdfium2.PdfDocument(target.read_bytes())
    try:
        assert len(document) == pages
        first_page = document[0].get_textpage().get_text_range()
        assert "BEFORE" in first_page
        assert first_page.count(made["pre_url"]) == int(copies)
    finally:
        document.close()


@pytest.mark.parametrize(
    "args, message",
    [
        (["show", "999999", "--json"], "no session with id 999999"),
        (["close", "999999"], "no session with id 999999"),
        (["open", "999999", "--phase", "pre"], "no session with id 999999"),
        (["sheet", "999999", "-o", "x.pdf"], "no session with id 999999"),
        (
            ["create", "--org", "Oak", "--questionnaire", "nope", "--date", "2026-03-14"],
            "unknown questionnaire 'nope'",
        ),
        (
            ["create", "--org", "Oak", "--questionnaire", "sample", "--date", "2026-13-01"],
            "'2026-13-01' is not a date",
        ),
        (
            ["create", "--org", "Oak", "--questionnaire", "sample", "--date", "next week"],
            "'next week' is not a date",
        ),
        (
            ["create", "--org", "  ", "--questionnaire", "sample", "--date", "2026-03-14"],
            "enter the name of the school or group",
        ),
    ],
)
def test_mistakes_give_one_line_and_change_nothing(cli_app, tmp_path, args, message):
    result = run(cli_app, *args)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and message in lines[0]
    assert "Traceback" not in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SurveySession)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Organisation)) == 0


def test_a_phase_the_session_lacks_is_refused_and_nothing_changes(cli_app):
    made = create_json(cli_app)
    result = run(cli_app, "close", str(made["id"]), "--phase", "single")
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: session {made['id']} has no single phase (it has: pre, post)"
    )
    shown = json.loads(run(cli_app, "show", str(made["id"]), "--json").stdout)
    assert shown["phases"] == {"pre": "open", "post": "open"}
