"""The pre-rendered blank form is keyed by everything the page shows (respond/page.py)."""
# ruff: noqa: E501  (a translated wording fixture reads best on one line)

from __future__ import annotations

import dataclasses

from survey_app.questionnaire.schema import Translated
from survey_app.questionnaire.startup import registry_of
from survey_app.respond.links import find_link, survey_for
from survey_app.respond.page import PageInputs, blank_form_page
from survey_app.sessions.service import link_for
from tests.html import parse
from tests.integration.respond_helpers import new_session


def _survey(app, session, language=None):
    return survey_for(find_link(link_for(session, "pre").token), registry_of(app), language)


def test_each_input_of_the_page_is_part_of_its_key(app):
    session = new_session(app)
    survey = _survey(app, session)
    inputs = PageInputs.of(survey)
    assert PageInputs.of(_survey(app, session)) == inputs
    changed = {
        "language": "cy",
        "phase": "post",
        "shared_devices": True,
        "content_hash": "x" * 64,
        "wording_hash": "y" * 64,
        "notice": dataclasses.replace(inputs.notice, council="Another Council"),
    }
    for name, value in changed.items():
        assert dataclasses.replace(inputs, **{name: value}) != inputs, name
    assert {f.name for f in dataclasses.fields(PageInputs) if f.compare} == {
        *changed,
        "questionnaire_id",
        "version",
    }, "a new input must be a compared field, so it is in the key"


def test_new_wording_in_a_language_is_a_new_page(app):
    session = new_session(app)
    survey = _survey(app, session, "cy")
    first = parse(blank_form_page(survey)).select_one("h1").get_text()
    q = survey.questionnaire
    reworded = q.model_copy(
        update={
            "title": {**q.title, "cy": "Teitl newydd"},
            "translations": {
                "cy": Translated(
                    language="cy",
                    revision=2,
                    status="draft",
                    content_hash="z" * 64,
                    file="v1.cy.yaml",
                )
            },
        }
    )
    second_page = blank_form_page(dataclasses.replace(survey, questionnaire=reworded))
    assert first == "Arolwg enghreifftiol"
    assert parse(second_page).select_one("h1").get_text() == "Teitl newydd"


def test_a_right_to_left_language_sets_the_page_direction_from_the_table(app, database_url):
    from datetime import date
    from pathlib import Path

    from survey_app.sessions.service import create_session, set_phases_state
    from tests.conftest import make_app

    shipped = make_app(database_url, QUESTIONNAIRE_DIR=Path(__file__).parents[2] / "questionnaires")
    with shipped.app_context():
        session = create_session(registry_of(shipped), organisation="Oak School",
                                 questionnaire_id="pupils-primary", session_date=date(2026, 3, 2))  # fmt: skip
        set_phases_state(session, "open")
        client, path = shipped.test_client(), f"/s/{link_for(session, 'pre').token}"
        for lang, direction in [("ar", "rtl"), ("ur", "rtl"), ("ckb", "rtl"), ("pa-Arab", "rtl"),
                                ("pl", "ltr"), ("en", "ltr")]:  # fmt: skip
            page = parse(client.get(f"{path}?lang={lang}"))
            assert (page.html["lang"], page.html["dir"]) == (lang, direction)
