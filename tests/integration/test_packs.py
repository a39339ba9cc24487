"""Chart packs: the `report pack` command and `make_packs`, read back with pypdfium2."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.models import AuditEntry
from survey_app.questionnaire import load_folder
from survey_app.questionnaire.startup import registry_of
from survey_app.reports.packs import make_packs
from tests.conftest import TEST_QUESTIONNAIRES
from tests.report_data import store_groups, synthetic_frame

GROUPS = {"Ten School": 10, "Small School": 9, "Big School": 30}
FEWER = "fewer than 10"


def pdf_pages(path: Path) -> list[str]:
    document = pdfium.PdfDocument(str(path))
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def lines_naming(pages: list[str], name: str) -> list[str]:
    return [line for page in pages for line in page.splitlines() if name in line]


@pytest.fixture
def stored(app):
    return store_groups(registry_of(app), GROUPS)


def test_pack_all_writes_a_pack_per_school_and_programme_but_none_for_nine(app, stored, tmp_path):
    result = app.test_cli_runner().invoke(args=["report", "pack", "--all", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == [
        "organisation-big-school.pdf", "organisation-ten-school.pdf",
        "programme-cohesion-sessions.pdf",
    ]  # fmt: skip
    assert (
        "No pack for organisation 'Small School': fewer than 10 matched pairs; "
        "fewer than 10 responses in a phase."
    ) in result.output


def test_a_school_pack_has_cover_headline_charts_and_method(app, stored, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["report", "pack", "--org", "Ten School", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    pages = pdf_pages(tmp_path / "organisation-ten-school.pdf")
    text = " ".join(" ".join(pages).split())
    assert "Cohesion survey results: Ten School" in " ".join(pages[0].split())
    assert "Questionnaire versions: sample version 1" in pages[0]
    assert f"Made on {date.today():%d %B %Y}" in pages[0]
    assert "Headline results" in text
    assert "Sense of belonging rose from" in text or "Sense of belonging fell from" in text
    assert "among 10 pupils who answered both times" in text
    assert "Ten School: average scores before and after" in text
    assert "Ten School: share agreeing before and after" in text
    method = pages[-1]
    for words in ("Method", "Wilcoxon signed-rank", "Mann-Whitney", "Wilson", "Newcombe",
                  "fewer than 10 people", "sample version 1"):  # fmt: skip
        assert words in method, words
    assert "Small School" not in text


def test_programme_pack_names_the_group_of_nine_only_as_too_small(app, stored, tmp_path):
    runner = app.test_cli_runner()
    args = ["report", "pack", "--programme", "Cohesion sessions", "-o", str(tmp_path)]
    assert runner.invoke(args=args).exit_code == 0
    pages = pdf_pages(tmp_path / "programme-cohesion-sessions.pdf")
    assert lines_naming(pages, "Ten School"), "a group of 10 is shown"
    assert any(
        "Ten School" in line and "pairs" in line for line in lines_naming(pages, "Ten School")
    )
    small = lines_naming(pages, "Small School")
    assert small, "the across-schools tables list it by name"
    for line in small:
        assert FEWER in line or line.startswith("Small School fewer than 10"), line


def test_cli_packs_are_logged_without_a_user(app, stored, tmp_path):
    app.test_cli_runner().invoke(
        args=["report", "pack", "--org", "Ten School", "-o", str(tmp_path)]
    )
    log = db.session.scalars(sa.select(AuditEntry).filter_by(action="download")).one()
    assert (log.user_id, log.target) == (None, "cli:pack")
    assert log.details["filters"] == {"org": "Ten School", "packs": "1"}


def test_pack_command_refuses_unclear_requests(app, stored, tmp_path):
    runner = app.test_cli_runner()
    none = runner.invoke(args=["report", "pack", "-o", str(tmp_path)])
    assert none.exit_code == 2 and "exactly one of" in none.output
    both = runner.invoke(args=["report", "pack", "--all", "--org", "Ten School"])
    assert both.exit_code == 2
    small = runner.invoke(args=["report", "pack", "--org", "Small School", "-o", str(tmp_path)])
    assert small.exit_code == 1 and "fewer than 10 responses" in small.output
    assert "Traceback" not in small.output and not list(tmp_path.iterdir())


def test_make_packs_without_a_database_for_a_priority(tmp_path):
    q = load_folder(TEST_QUESTIONNAIRES).latest("sample")
    responses = synthetic_frame(q, GROUPS, seed=5)
    results = make_packs(responses, [q], kind="priority", names=["belonging", "safe-spaces"],
                         out_dir=tmp_path, made_on=date(2025, 1, 31))  # fmt: skip
    made = {r.name: r for r in results}
    assert made["safe-spaces"].path is None and made["safe-spaces"].reason == "no responses"
    pages = pdf_pages(made["belonging"].path)
    assert len(pages) == made["belonging"].pages >= 4
    text = " ".join(" ".join(pages).split())
    assert "A shared sense of belonging" in pages[0] and "31 January 2025" in pages[0]
    assert "Mixing with others" not in text  # another priority's scale
    assert "Sense of belonging: change per school or group" in text
