"""Huge numbers in a URL, and reports over nothing, are never a 500 (issue 12 item 9)."""

from __future__ import annotations

import pytest

from survey_app.scoring.compare import BY_CHOICES


@pytest.mark.parametrize(
    "path",
    [
        "/sessions/9223372036854775808",
        "/sessions/2147483648",
        "/sessions/99999999999999999999999/sheet.pdf",
    ],
)
def test_an_id_beyond_the_database_is_not_found(client, signed_in, path):
    signed_in("admin")
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("page", ["99999999999999999999", "-5", "x", "100001"])
def test_a_page_number_beyond_the_list_is_an_empty_page(client, signed_in, page):
    signed_in("admin")
    assert client.get(f"/sessions/?page={page}").status_code in (200, 404)


@pytest.mark.parametrize("by", BY_CHOICES)
@pytest.mark.parametrize(
    "path",
    ["/reports/", "/reports/download/comparison.csv", "/reports/download/pack.pdf"],
)
def test_reports_with_no_responses_at_all_are_not_an_error(client, signed_in, path, by):
    """A fresh install: the default questionnaire, no sessions, no responses (was a KeyError)."""
    signed_in("officer")
    assert client.get(f"{path}?by={by}").status_code < 500
