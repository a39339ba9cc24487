"""The pupil form's token: made from the response id and the time, checked with no session."""

from __future__ import annotations

import pytest

from survey_app.respond.form_token import CLOCK_SKEW_S, form_token, token_is_valid

KEY, OTHER_KEY = "k" * 40, "o" * 40
RID = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"
NOW, HOUR = 1_800_000_000, 3600


def test_a_token_is_good_for_its_response_id_within_the_limit():
    token = form_token(KEY, RID, now=NOW)
    assert token_is_valid(KEY, RID, token, 12 * HOUR, now=NOW)
    assert token_is_valid(KEY, RID, token, 12 * HOUR, now=NOW + 12 * HOUR)


@pytest.mark.parametrize(
    ("key", "response_id", "now"),
    [
        (OTHER_KEY, RID, NOW),  # made by another deployment
        (KEY, RID.replace("0f", "1f"), NOW),  # another form's response id
        (KEY, RID, NOW + 12 * HOUR + 1),  # older than the limit
        (KEY, RID, NOW - CLOCK_SKEW_S - 1),  # from further in the future than clocks drift
    ],
)
def test_a_token_is_refused_for_another_key_id_or_time(key, response_id, now):
    token = form_token(KEY, RID, now=NOW)
    assert not token_is_valid(key, response_id, token, 12 * HOUR, now=now)


@pytest.mark.parametrize(
    "token", [None, "", "abc", "zz.00", f"{NOW:x}.", f"{NOW:x}.{'0' * 32}", f"{'f' * 40}.00"]
)
def test_garbage_is_refused_without_an_error(token):
    assert not token_is_valid(KEY, RID, token, 12 * HOUR, now=NOW)


def test_the_time_in_a_token_cannot_be_changed():
    issued, _, digest = form_token(KEY, RID, now=NOW).partition(".")
    moved = f"{NOW + HOUR:x}.{digest}"
    assert not token_is_valid(KEY, RID, moved, 12 * HOUR, now=NOW + HOUR)
