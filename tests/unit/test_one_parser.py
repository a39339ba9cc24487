"""A tablet and a paper sheet give every value the same verdict: both paths call the item
# ruff: noqa: E501  (generated-value strategies read best on one line)
type's one parser (survey_app/itemtypes/), driven here with the same generated values."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask_wtf import FlaskForm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from survey_app.forms import answers_from, build_form_class, field_name
from survey_app.questionnaire import load_file
from survey_app.respond.code_parts import code_from_text
from survey_app.respond.match_code import MatchCodeFields, match_code_from
from survey_app.responses.cells import CellError, parse_cell

CHOICES = load_file(Path(__file__).resolve().parents[1] / "data" / "forms" / "choices" / "v1.yaml")
VALID = {"q_issues_seen": ["1"], "q_feel_safe": "3", "q_one_word": "calm", "q_visits": "2"}

# Numbers as people type them, and as people and scripts get them wrong.
typed = st.one_of(
    st.from_regex(r"\A[ +\-]?[0-9\uff10-\uff19\u0660-\u0669]{0,12}[ .,_e0-9]{0,3}\Z"),
    st.sampled_from(
        ["+5", "-0", " 5", "5 ", "05", "1e3", "5.0", "٥", "５", "1_0", "999999999", "1000000000"]
    ),
    st.text(max_size=6),
).filter(lambda s: s.strip() != "")


class NoCsrf(FlaskForm):
    class Meta:
        csrf = False


class CodeForm(MatchCodeFields, NoCsrf):
    pass


def web_verdict(app, item_id: str, value) -> tuple[bool, object]:
    form_class = build_form_class(CHOICES, "single", "en", NoCsrf)
    with app.test_request_context("/", method="POST", data=VALID | {field_name(item_id): value}):
        form = form_class()
        form.validate()
        if form[field_name(item_id)].errors:
            return False, None
        return True, answers_from(form, CHOICES.items_for("single")).get(item_id)


def paper_verdict(item_id: str, value: str) -> tuple[bool, object]:
    item = CHOICES.item(item_id)
    try:
        return True, parse_cell(value, item, CHOICES.response_set_of(item))
    except CellError:
        return False, None


@pytest.mark.parametrize("item_id", ["visits", "feel_safe", "one_word"])
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=typed)
def test_a_typed_value_gets_the_same_verdict_on_a_tablet_and_on_paper(app, item_id, value):
    assert web_verdict(app, item_id, value) == paper_verdict(item_id, value), repr(value)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    values=st.lists(
        st.sampled_from(["1", "2", "3", "4", " 2", "+1", "x", "9"]), min_size=1, max_size=4
    )
)
def test_several_choices_get_the_same_verdict_on_a_tablet_and_on_paper(app, values):
    assert web_verdict(app, "issues_seen", values) == paper_verdict("issues_seen", ";".join(values))


@pytest.mark.parametrize(
    ("value", "expected"),
    [("+5", 5), ("-0", None), (" 7 ", 7), ("5.0", None), ("５", None), ("٥", None), ("1e3", None)],
)
def test_the_whole_number_rule(app, value, expected):
    # visits has min 1: -0 is a number (0) but out of range, so refused on both paths.
    assert paper_verdict("visits", value) == ((expected is not None), expected)
    assert web_verdict(app, "visits", value) == ((expected is not None), expected)


# The code letter as children type it: any script, composed or not, and what is not a letter.
letters = st.one_of(
    st.characters(categories=["L", "M", "Nd", "P", "Zs"]),
    st.sampled_from(["Ł", "ł", "e\u0301", "\ufe8f", "\u06a9", "\uff21", "ß", "ـ", "\u200fب"]),
    st.text(min_size=2, max_size=3),
).filter(lambda s: s.strip() != "" and "-" not in s and "," not in s and "\n" not in s)


def web_letter(app, typed: str) -> str | None:
    data = {"mc_letter": typed, "mc_month": "7", "mc_siblings": "2"}
    with app.test_request_context("/", method="POST", data=data):
        form = CodeForm()
        return match_code_from(form) if form.validate() else None


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(typed=letters)
def test_a_code_letter_gets_the_same_code_on_a_tablet_and_on_paper(app, typed):
    assert web_letter(app, typed) == code_from_text(f"{typed.strip()}-07-2"), repr(typed)


def test_the_code_letter_check_is_not_vacuous(app):
    assert web_letter(app, "Ł") == code_from_text("ł-7-2") == "L-07-2"
    assert web_letter(app, "7") is None and web_letter(app, "ŁK") is None
