"""Issue 16's "Done when", per category: a planted phrase in each category (one of them misspelt)
raises exactly one concern, for the lead of the school it was written at and for no other lead.
A phrase in Polish: test_a_second_language_is_checked_in_its_own_list (test_safeguarding_flagging).
"""

from __future__ import annotations

import pytest

from survey_app.auth.lead_scope import organisations_named
from survey_app.extensions import db
from tests.conftest import sign_in
from tests.html import parse
from tests.integration.respond_helpers import POST, answer, url
from tests.integration.safeguarding_helpers import concerns, school_session

PLANTED = [  # (category, what a pupil writes, the form's language)
    ("harm_to_self", "sometimes i want to end my life", "en"),
    ("harm_by_others", "my uncle hits me at home", "en"),
    ("abuse", "a man at the park touched me", "en"),
    ("extremism", "a boy online said i should join isis", "en"),
    ("hate", "they said go back to your country", "en"),
    ("bullying", "i get bullyed every day", "en"),  # misspelt, as the list expects children to
]


def lead(make_user, email, organisation):
    user = make_user("safeguarding", email)
    user.organisations = organisations_named([organisation])[0]
    db.session.commit()
    return user


def queue_rows(app, user) -> list[str]:
    client = app.test_client()
    sign_in(client, user)
    page = client.get("/safeguarding/")
    assert page.status_code == 200
    return [row.get_text(" ", strip=True) for row in parse(page).select("tbody tr")]


@pytest.mark.parametrize(("category", "words", "lang"), PLANTED, ids=[p[0] for p in PLANTED])
def test_a_planted_phrase_raises_one_concern_for_the_right_lead_only(app, make_user, category,
                                                                     words, lang):  # fmt: skip
    hill, oak = school_session(app, "Hill School"), school_session(app, "Oak School")
    hill_lead = lead(make_user, "dsl@hill.sch.uk", "Hill School")
    oak_lead = lead(make_user, "dsl@oak.sch.uk", "Oak School")
    answer(app.test_client(), url(hill, "post"), POST | {"q_do_differently": words})
    answer(app.test_client(), url(oak, "post"), POST | {"q_do_differently": "I will listen more"})
    (concern,) = concerns()
    assert concern.session_id == hill.id and category in concern.categories
    assert len(queue_rows(app, hill_lead)) == 1
    assert queue_rows(app, oak_lead) == []
