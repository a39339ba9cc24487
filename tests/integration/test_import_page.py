"""The officer upload page for paper responses, and its template download."""

from __future__ import annotations

import io

import pytest

from tests.conftest import csrf_token, response_count

URL = "/reports/import/"


def upload(client, content: bytes, name: str = "paper.csv"):
    token = csrf_token(client.get(URL).get_data(as_text=True))
    return client.post(
        URL,
        data={"csrf_token": token, "file": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )


def test_an_officer_imports_a_file(client, signed_in, session):
    signed_in("officer")
    page = client.get(URL)
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.get_data(as_text=True)
    text = f"session,phase,respondent,belong_area\n{session.id},pre,1,4\n{session.id},post,1,5\n"
    response = upload(client, text.encode())
    assert response.status_code == 302
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Imported 2 paper responses (session {session.id} post: 1, session" in shown
    assert response_count() == 2


def test_a_bad_file_lists_its_problems_and_imports_nothing(client, signed_in, session):
    signed_in("officer")
    text = f"session,phase,belong_area,colour\n{session.id},pre,4,\n{session.id},post,12,\n"
    response = upload(client, text.encode())
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" in html and "Nothing was imported" in html
    assert "3:3: belong_area: &#39;12&#39; is not one of its answers" in html
    assert "1:4: unknown column &#39;colour&#39;" in html
    assert "<title>Error: " in html
    assert response_count() == 0


def test_no_file_chosen(client, signed_in):
    signed_in("admin")
    token = csrf_token(client.get(URL).get_data(as_text=True))
    html = client.post(URL, data={"csrf_token": token}).get_data(as_text=True)
    assert "Choose the CSV file to import" in html


def test_a_post_without_the_csrf_token_is_refused(client, signed_in, session):
    signed_in("officer")
    data = {"file": (io.BytesIO(f"session,phase,belong_area\n{session.id},pre,4\n".encode()),
                     "paper.csv")}  # fmt: skip
    assert client.post(URL, data=data, content_type="multipart/form-data").status_code == 400
    assert response_count() == 0


def test_the_template_downloads_by_number_or_code(client, signed_in, session):
    signed_in("officer")
    code = session.links[0].code
    for typed in (str(session.id), f"{code[:4].lower()}-{code[4:]}"):
        response = client.get(f"{URL}template", query_string={"session": typed})
        assert response.status_code == 200
        assert response.mimetype == "text/csv"
        assert f"session-{session.id}-paper.csv" in response.headers["Content-Disposition"]
        assert response.get_data().decode("utf-8-sig").startswith("session,phase,respondent,")


def test_the_template_for_an_unknown_session_explains(client, signed_in):
    signed_in("officer")
    response = client.get(f"{URL}template", query_string={"session": "nope"})
    assert response.status_code == 404
    assert "There is no session &#39;nope&#39;" in response.get_data(as_text=True)
    assert client.get(f"{URL}template").status_code == 400


@pytest.mark.parametrize("path", [URL, f"{URL}template?session=1"])
def test_facilitators_and_strangers_are_kept_out(app, client, signed_in, path):
    anonymous = app.test_client().get(path)
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    signed_in("facilitator")
    assert client.get(path).status_code == 403


def test_a_file_with_a_nul_character_is_refused_whole(client, signed_in, session):
    """PostgreSQL stores no NUL in a text column: the file is refused with the cell named,
    never a 500, and nothing from it is stored (on SQLite too, so both agree)."""
    signed_in("officer")
    header = "session,phase,respondent,belong_area,do_differently\n"
    text = f"{header}{session.id},pre,1,4,\n{session.id},post,1,5,Be kind\x00er\n"
    response = upload(client, text.encode())
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" in html and "Nothing was imported" in html
    assert "3:5: do_differently: this cell holds a NUL character" in html
    assert response_count() == 0
