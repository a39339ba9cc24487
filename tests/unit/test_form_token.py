"""The pupil form's token: itsdangerous-signed, bound to one link and one response id."""

from __future__ import annotations

import pytest

from survey_app.respond.form_token import CLOCK_SKEW_S, form_token, token_is_valid

KEY, OTHER_KEY = "k" * 40, "o" * 40
LINK, OTHER_LINK = "link-token-aaaa", "link-token-bbbb"
RID = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"
NOW, HOUR = 1_800_000_000, 3600


def test_a_token_is_good_for_its_link_and_response_id_within_the_limit():
    token = form_token(KEY, LINK, RID, now=NOW)
    assert token_is_valid(KEY, LINK, RID, token, 12 * HOUR, now=NOW)
    assert token_is_valid(KEY, LINK, RID, token, 12 * HOUR, now=NOW + 12 * HOUR)
    assert token_is_valid(KEY, LINK, RID, token, 12 * HOUR, now=NOW - CLOCK_SKEW_S)


@pytest.mark.parametrize(
    ("key", "link", "response_id", "now"),
    [
        (OTHER_KEY, LINK, RID, NOW),  # made by another deployment
        (KEY, OTHER_LINK, RID, NOW),  # another session's or phase's form
        (KEY, LINK, RID.replace("0f", "1f"), NOW),  # another form's response id
        (KEY, LINK, RID, NOW + 12 * HOUR + 1),  # older than the limit
        (KEY, LINK, RID, NOW - CLOCK_SKEW_S - 1),  # from further in the future than clocks drift
    ],
)
def test_a_token_is_refused_for_another_key_link_id_or_time(key, link, response_id, now):
    token = form_token(KEY, LINK, RID, now=NOW)
    assert not token_is_valid(key, link, response_id, token, 12 * HOUR, now=now)


@pytest.mark.parametrize("token", [None, "", "abc", "zz.00", "a.b.c", "\u00e9" * 50, "." * 300])
def test_garbage_is_refused_without_an_error(token):
    assert not token_is_valid(KEY, LINK, RID, token, 12 * HOUR, now=NOW)


def test_the_time_in_a_token_cannot_be_changed():
    token = form_token(KEY, LINK, RID, now=NOW)
    later = form_token(KEY, LINK, RID, now=NOW + HOUR)
    payload, stamp, signature = token.split(".")
    moved = ".".join((payload, later.split(".")[1], signature))
    assert moved != token
    assert not token_is_valid(KEY, LINK, RID, moved, 12 * HOUR, now=NOW + HOUR)
