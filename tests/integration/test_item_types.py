"""Every registered item type, through every path: the pupil's form, a paper import, storage
and the export. A new type must get an item in tests/data/forms/every-type/v1.yaml."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date

import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.itemtypes import REGISTRY
from survey_app.models import Response
from survey_app.questionnaire.startup import registry_of
from survey_app.sessions.service import create_session, link_for, set_phases_state
from tests.conftest import DATA, TEST_QUESTIONNAIRES, csrf_token, make_app
from tests.integration.respond_helpers import hidden

# What a pupil sends (form values) and types on paper, and what must be stored, per type.
SAMPLES = {
    "single_choice": (["2"], "2", 2),
    "agreement": (["4"], "4", 4),
    "frequency": (["3"], "3", 3),
    "smiley": (["9"], "9", 9),
    "multiple_choice": (["3", "1"], "1;3", [1, 3]),
    "number": (["+12"], "12", 12),
    "text": (["  Be kind  "], "Be kind", "Be kind"),
}


# How the long export writes each stored value.
EXPORTED = {"single_choice": "2", "agreement": "4", "frequency": "3", "smiley": "9",
            "multiple_choice": "1;3", "number": "12", "text": "Be kind"}  # fmt: skip


@pytest.fixture
def every_type_app(database_url, tmp_path, app):
    folder = tmp_path / "q"
    shutil.copytree(TEST_QUESTIONNAIRES, folder)
    shutil.copytree(DATA / "forms" / "every-type", folder / "every-type")
    typed_app = make_app(database_url, QUESTIONNAIRE_DIR=folder, MIN_BASE=1)
    with typed_app.app_context():
        yield typed_app


def test_every_registered_type_has_an_item_and_a_sample():
    q_types = (DATA / "forms" / "every-type" / "v1.yaml").read_text()
    for name in REGISTRY:
        assert f"type: {name}," in q_types, f"add an item of type {name} to every-type/v1.yaml"
    assert set(SAMPLES) == set(REGISTRY), "give each registered type a sample below"


@pytest.mark.parametrize("type_name", list(REGISTRY))
def test_a_type_round_trips_through_form_paper_storage_and_export(
    every_type_app, type_name, tmp_path
):
    app = every_type_app
    sent, on_paper, stored_value = SAMPLES[type_name]
    item_id = f"t_{type_name}"
    session = create_session(
        registry_of(app),
        organisation="Types School",
        questionnaire_id="every-type",
        session_date=date(2026, 3, 2),
    )
    set_phases_state(session, "open")

    # The pupil's form, every item answered with its sample.
    client = app.test_client()
    path = f"/s/{link_for(session, 'pre').token}"
    page = client.get(path).get_data(as_text=True)
    form = {"csrf_token": csrf_token(page), "response_id": hidden(page, "response_id")}
    answers = {f"q_t_{name}": values for name, (values, _, _) in SAMPLES.items()}
    assert client.post(path, data=form | answers).status_code == 303

    # Paper: the same answers typed into the import template.
    template = app.test_cli_runner().invoke(args=["responses", "template", str(session.id)])
    header = next(csv.reader(io.StringIO(template.output)))
    row = {"session": str(session.id), "phase": "pre", "respondent": "7"}
    row |= {f"t_{name}": typed for name, (_, typed, _) in SAMPLES.items()}
    sheet = io.StringIO()
    csv.writer(sheet).writerows([header, [row.get(column, "") for column in header]])
    (tmp_path / "paper.csv").write_text(sheet.getvalue(), encoding="utf-8")
    imported = app.test_cli_runner().invoke(
        args=["responses", "import", str(tmp_path / "paper.csv")]
    )
    assert imported.exit_code == 0, imported.output

    web, paper_row = db.session.scalars(sa.select(Response).order_by(Response.id)).all()
    assert web.answers[item_id] == stored_value == paper_row.answers[item_id]
    assert (web.source, paper_row.source) == ("web", "paper")

    exported = app.test_cli_runner().invoke(
        args=["responses", "export", "--format", "csv", "--questionnaire", "every-type",
              "--layout", "long", "-o", str(tmp_path / "export.csv")]
    )  # fmt: skip
    assert exported.exit_code == 0, exported.output
    text = (tmp_path / "export.csv").read_text(encoding="utf-8-sig")
    rows = [r for r in csv.DictReader(io.StringIO(text)) if r["item"] == item_id]
    assert [r["value"] for r in rows] == [EXPORTED[type_name]] * 2, rows
    # Every export says which language and wording revision each answer was given in.
    assert {(r["language"], r["wording_revision"]) for r in rows} == {("en", "0")}
