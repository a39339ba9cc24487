"""A form an 8-year-old can finish (issue 10 item 4): a short error summary that counts the
questions left and links to each by number, the message beside each question; "Question 4 of
14" before every question; "I don't know" set apart from the scale after an "or"; and in every
shipped questionnaire a worry question's words run in the same order as every other's."""

from __future__ import annotations

import pytest

from survey_app.questionnaire.startup import registry_of
from tests.browser.conftest import SHIPPED_QUESTIONNAIRES
from tests.conftest import make_app
from tests.html import links, one, parse, text_of
from tests.integration.respond_helpers import PRE, answer, new_session, stored, url


def test_the_summary_counts_the_questions_left_and_links_to_each_by_number(app, client):
    session = new_session(app)
    left_out = {"q_belong_city": "", "q_mix_school": ""}
    response, _ = answer(client, url(session), PRE | left_out)
    html = response.get_data(as_text=True)
    summary = one(html, ".es")
    assert "2 questions still need an answer" in summary.get_text()
    numbers = dict(zip(_ids_in_order(html), text_of(html, ".qn"), strict=True))
    assert links(html, ".es a") == [
        ("#q_belong_city", f"Question {_number(numbers['q_belong_city'])}"),
        ("#q_mix_school", f"Question {_number(numbers['q_mix_school'])}"),
    ]
    beside = one(html, "#q_belong_city-e").get_text()
    assert "Select an answer for: I feel I belong in this city" in beside
    assert stored() == []


def test_one_question_left_is_counted_in_the_singular(app, client):
    response, _ = answer(client, url(new_session(app)), PRE | {"q_mix_often": ""})
    assert "1 question still needs an answer" in one(response, ".es").get_text()


def test_every_question_says_where_it_is_in_the_form(app, client):
    html = client.get(url(new_session(app))).get_data(as_text=True)
    ids = _ids_in_order(html)
    assert len(ids) >= 5
    assert text_of(html, ".qn") == [f"Question {n} of {len(ids)}" for n in range(1, len(ids) + 1)]


def test_i_dont_know_is_set_apart_from_the_scale(app, client):
    html = client.get(url(new_session(app))).get_data(as_text=True)
    question = one(html, "#q_nervous_mixing").find_parent("fieldset")
    scale, apart = question.select(".os")
    assert [i["value"] for i in scale.select("input")] == ["1", "2", "3", "4", "5"]
    assert [i["value"] for i in apart.select("input")] == ["9"]
    assert apart.find_previous_sibling("p", class_="or").get_text() == "or"


@pytest.mark.parametrize("questionnaire_id", ["pupils-primary", "pupils-secondary"])
def test_a_worry_question_runs_in_the_same_order_as_every_other(tmp_path, questionnaire_id):
    """A child who answers by position is not tripped: for each kind of scale, every question
    shows its words in one order (the worry set turns the faces, never the words)."""
    app = make_app(f"sqlite:///{tmp_path / 'q.db'}", QUESTIONNAIRE_DIR=SHIPPED_QUESTIONNAIRES)
    with app.app_context():
        q = registry_of(app).latest(questionnaire_id)
    orders: dict[str, set[tuple[str, ...]]] = {}
    for item in q.items:
        response_set = q.response_set_of(item)
        if response_set is not None and response_set.kind in ("agreement", "smiley", "frequency"):
            words = tuple(o.label["en"] for o in response_set.options)
            orders.setdefault(response_set.kind, set()).add(words)
    assert orders, "no scale questions found"
    assert all(len(seen) == 1 for seen in orders.values()), orders


def _ids_in_order(html: str) -> list[str]:
    """The field id of each question, in page order (its first input, select or textarea)."""
    ids = []
    for caption in parse(html).select(".qn"):
        field = caption.find_next(["input", "select", "textarea"], id=True)
        ids.append(field["id"])
    return ids


def _number(caption: str) -> int:
    return int(caption.split()[1])
