"""A translation added to a version in use, answered in, then frozen: sync and start-up."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.models import QuestionnaireVersion, TranslationRevision
from survey_app.questionnaire.loader import load_folder
from survey_app.questionnaire.startup import registry_of
from survey_app.questionnaire.sync import sync
from survey_app.sessions.service import set_phases_state
from tests.conftest import TEST_QUESTIONNAIRES, make_app
from tests.html import parse
from tests.integration.respond_helpers import PRE, answer, new_session, stored, url
from tests.unit.test_translations import POLISH


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copytree(TEST_QUESTIONNAIRES, tmp_path / "q")
    return tmp_path / "q"


def add_polish(folder: Path, text: str = POLISH) -> None:
    (folder / "sample" / "v1.pl.yaml").write_text(text, encoding="utf-8")


def test_polish_added_to_a_version_in_use_is_answered_and_then_frozen(app, folder, database_url):
    session = new_session(app)  # pins sample v1: the version is frozen from here on
    set_phases_state(session, "open")
    hash_before = db.session.scalar(sa.select(QuestionnaireVersion.content_hash))

    add_polish(folder)
    report = sync(load_folder(folder), "q")
    assert report.translations_added == ["sample v1 pl revision 1"]
    assert db.session.scalar(sa.select(QuestionnaireVersion.content_hash)) == hash_before

    polish_app = make_app(database_url, QUESTIONNAIRE_DIR=folder)
    client = polish_app.test_client()
    page = client.get(url(session) + "?lang=pl")
    assert parse(page).html["lang"] == "pl"
    response, _ = answer(client, url(session) + "?lang=pl", PRE)
    assert response.status_code == 303
    [row] = stored()
    assert (row.language, row.wording_revision) == ("pl", 1)

    # The wording answered in is now frozen: the same revision with new words is refused...
    add_polish(folder, POLISH.replace("Nigdy", "Wcale"))
    with pytest.raises(ValueError, match="revision: 2"):
        sync(load_folder(folder), "q")
    with pytest.raises(SystemExit, match=r"v1\.pl\.yaml:1: revision 1 of the 'pl' translation"):
        make_app(database_url, QUESTIONNAIRE_DIR=folder)
    # ...and accepted as the next revision, which the next answers record.
    add_polish(folder, POLISH.replace("Nigdy", "Wcale").replace("revision: 1", "revision: 2"))
    assert sync(load_folder(folder), "q").translations_added == ["sample v1 pl revision 2"]
    revisions = db.session.scalars(sa.select(TranslationRevision.revision)).all()
    assert sorted(revisions) == [1, 2]
    newer = make_app(database_url, QUESTIONNAIRE_DIR=folder)
    assert registry_of(newer).get("sample", 1).wording_revision("pl") == 2


def test_an_unanswered_revision_may_still_be_corrected(app, folder):
    new_session(app)
    add_polish(folder)
    sync(load_folder(folder), "q")
    add_polish(folder, POLISH.replace("Nigdy", "Wcale"))
    assert sync(load_folder(folder), "q").translations_added == []
    [row] = db.session.scalars(sa.select(TranslationRevision)).all()
    assert row.content_hash == load_folder(folder).get("sample", 1).translations["pl"].content_hash
