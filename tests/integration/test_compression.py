"""Pupil pages and static files travel gzip-compressed; staff pages never do (ADR 0026)."""

from __future__ import annotations

import gzip

from survey_app.sessions.service import link_for
from tests.conftest import csrf_token
from tests.html import parse

GZIP = {"Accept-Encoding": "gzip, deflate"}


def test_the_pupil_form_travels_compressed_and_unpacks_to_the_same_page(client, session):
    path = f"/s/{link_for(session, 'pre').token}"
    plain = client.get(path)
    packed = client.get(path, headers=GZIP)
    assert "Content-Encoding" not in plain.headers  # a client that does not ask gets it plain
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert len(packed.get_data()) < len(plain.get_data()) / 2
    unpacked = parse(gzip.decompress(packed.get_data()).decode())
    page = parse(plain.get_data(as_text=True))
    names = [tag["name"] for tag in page.select("form [name]")]
    assert [tag["name"] for tag in unpacked.select("form [name]")] == names


def test_a_pupil_s_answers_are_read_from_a_compressed_form(client, session):
    """The answer is stored, and the thank-you page after it travels compressed too."""
    from tests.conftest import response_count
    from tests.sample_answers import PRE_ANSWERS, form_data

    path = f"/s/{link_for(session, 'pre').token}"
    blank = gzip.decompress(client.get(path, headers=GZIP).get_data()).decode()
    fields = {"csrf_token": csrf_token(blank), "response_id": parse(blank).select_one(
        "input[name=response_id]")["value"], **form_data(PRE_ANSWERS)}  # fmt: skip
    sent = client.post(path, data=fields, headers=GZIP, follow_redirects=True)
    assert sent.status_code == 200
    assert response_count() == 1
    assert sent.headers["Content-Encoding"] == "gzip"  # the thank-you page, compressed once
    assert "<h1" in gzip.decompress(sent.get_data()).decode()


def test_static_files_travel_compressed(client):
    packed = client.get("/static/app.css", headers=GZIP)
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.get_data()) == client.get("/static/app.css").get_data()


def test_staff_pages_are_never_compressed(client, signed_in):
    """They put what an officer typed beside the CSRF token: compressed, that is BREACH."""
    assert "Content-Encoding" not in client.get("/login", headers=GZIP).headers
    signed_in("officer")
    for path in ("/sessions/", "/reports/"):
        page = client.get(path, headers=GZIP)
        assert page.status_code == 200, path
        assert "Content-Encoding" not in page.headers, path
