"""The one-off feedback form's summary on the dashboard (issue 14 item 6), with the shipped
community-feedback questionnaire: answer counts for all and by type of respondent, split only
where every type in a session has MIN_BASE or more; a meeting of 6 counts nowhere; what people
wrote listed for officers, masked, sorted."""

from __future__ import annotations

import re
import uuid
from datetime import date
from html import unescape
from pathlib import Path

import pytest

from survey_app.extensions import db
from survey_app.models import Response
from survey_app.questionnaire.startup import registry_of
from survey_app.sessions.service import create_session
from tests.conftest import empty_every_table, make_app, sign_in

SHIPPED = Path(__file__).resolve().parents[2] / "questionnaires"
COUNCILLOR, WORKER = 1, 2
AGREE = 4


@pytest.fixture
def shipped(database_url):
    app = make_app(database_url, QUESTIONNAIRE_DIR=SHIPPED)
    with app.app_context():
        yield app
        empty_every_table()


def meeting(app, name: str, roles: list[int], words: dict[int, str] | None = None) -> None:
    """One feedback session; respondent i has role roles[i], agrees at AGREE unless a
    councillor (who answers 2), and writes words[i] about what works, if given."""
    session = create_session(registry_of(app), organisation=name,
                             questionnaire_id="community-feedback", session_date=date(2026, 5, 1),
                             open_now=True)  # fmt: skip
    for i, role in enumerate(roles):
        answers = {"role": role, "area_get_on": 2 if role == COUNCILLOR else AGREE,
                   "tensions_noticed": 3, "issues_seen": [1, 2] if i % 2 else [5]}  # fmt: skip
        if words and i in words:
            answers["what_works"] = words[i]
        db.session.add(Response(response_uuid=str(uuid.uuid4()), session_id=session.id,
                                phase="single", questionnaire_id="community-feedback",
                                questionnaire_version=1, answers=answers))  # fmt: skip
    db.session.commit()


def dashboard(app, make_user_in) -> str:
    client = app.test_client()
    sign_in(client, make_user_in(app))
    response = client.get("/reports/?questionnaire=community-feedback")
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.fixture
def officer():
    from survey_app.auth.accounts import create_user
    from tests.conftest import PASSWORD

    return lambda app: create_user("officer@example.org", "officer", PASSWORD)[0]


def table_of(html: str, caption: str) -> list[list[str]]:
    start = html.index(f"<h3>{caption}</h3>")
    body = html[start : html.index("</table>", start)]
    cell = re.compile(r"<t[hd][^>]*>.*?</t[hd]>", re.S)
    return [[unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cell.findall(row)]
            for row in re.findall(r"<tr>.*?</tr>", body, re.S)]  # fmt: skip


def test_counts_for_all_and_by_type_where_every_type_has_ten(shipped, officer):
    meeting(shipped, "Ward forum", [COUNCILLOR] * 10 + [WORKER] * 12)
    meeting(shipped, "Faith network", [WORKER] * 11 + [COUNCILLOR] * 3)  # 3 councillors: unsplit
    meeting(shipped, "Small meeting", [WORKER] * 6)  # counts nowhere
    html = dashboard(shipped, officer)
    rows = table_of(html, "In this area, people from different backgrounds get on well together.")
    assert rows[0] == ["Answer", "All (36)", "Ward councillor (10)", "Community worker (12)"]
    by_answer = {r[0]: r[1:] for r in rows[1:]}
    assert by_answer["Agree"] == ["23 (64%)", "0 (0%)", "12 (100%)"]
    assert by_answer["Disagree"] == ["13 (36%)", "10 (100%)", "0 (0%)"]
    assert "36 responses from 2 sessions counted" in html
    assert "Left out: 1 session phase with fewer than 10 responses (6 responses in all)" in html
    assert "from the sessions with 10 or more of each type" in html
    seen = {r[0]: r[1:] for r in table_of(html, "In the last three months, which of these have "
                                                  "you seen in this area?")[1:]}  # fmt: skip
    assert seen["Hate incidents"][0] == "18 (50%)"  # respondents choosing it, of all 36


def test_no_split_when_a_type_in_every_session_is_small(shipped, officer):
    meeting(shipped, "Ward forum", [COUNCILLOR] * 4 + [WORKER] * 12)
    html = dashboard(shipped, officer)
    rows = table_of(html, "In this area, people from different backgrounds get on well together.")
    assert rows[0] == ["Answer", "All (16)"]
    assert "Not shown by type: no session has 10 or more of each type" in html
    assert "(4)" not in html


def test_what_people_wrote_is_listed_masked_and_sorted(shipped, officer):
    words = {0: "The youth club, call 07700 900123", 1: "Art classes", 2: "  "}
    meeting(shipped, "Ward forum", [WORKER] * 12, words)
    meeting(shipped, "Small meeting", [WORKER] * 3, {0: "Secret small-meeting words"})
    html = dashboard(shipped, officer)
    listed = html[html.index("What people wrote") :]
    items = re.findall(r"<li>(.*?)</li>", listed[: listed.index("</ul>")])
    assert items == ["Art classes", "The youth club, call [phone number]"]
    assert "Secret small-meeting words" not in html and "07700" not in html


def test_a_pack_has_the_feedback_counts_and_none_of_the_words(shipped, tmp_path):
    from tests.integration.test_packs import pdf_pages

    meeting(shipped, "Ward forum", [COUNCILLOR] * 10 + [WORKER] * 12, {0: "Art classes"})
    result = shipped.test_cli_runner().invoke(
        args=["report", "pack", "--org", "Ward forum", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    text = " ".join(" ".join(pdf_pages(tmp_path / "organisation-ward-forum.pdf")).split())
    assert "Community cohesion feedback" in text and "22 responses from 1 session" in text
    assert "Ward councillor (10)" in text and "Art classes" not in text
    small = shipped.test_cli_runner().invoke(args=["report", "pack", "--org", "Nobody", "-o",
                                                   str(tmp_path)])  # fmt: skip
    assert "No pack" in small.output


def test_no_pack_for_a_small_meeting_and_the_reason_is_true(shipped, tmp_path):
    meeting(shipped, "Small meeting", [WORKER] * 6)
    result = shipped.test_cli_runner().invoke(
        args=["report", "pack", "--org", "Small meeting", "-o", str(tmp_path)]
    )
    assert "each session has fewer than 10 responses" in result.output
    assert not list(tmp_path.iterdir())
