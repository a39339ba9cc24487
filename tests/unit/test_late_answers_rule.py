"""The late-answer rule (respond/late.py, ADR 0028) on its own: which times are accepted."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from survey_app.respond.late import Timing, accepted

T0 = datetime(2026, 3, 2, 9, 0)
HOUR, DAY = timedelta(hours=1), timedelta(days=1)
MAX_AGE, GRACE = 12 * HOUR, 7 * DAY


def judge(issued, received, claimed=None, closed=None) -> bool:
    return accepted(Timing(issued, received, claimed), closed, MAX_AGE, GRACE)


@pytest.mark.parametrize(
    ("received", "claimed", "closed", "ok"),
    [
        (T0 + HOUR, None, None, True),  # the ordinary form, open
        (T0 + 13 * HOUR, None, None, False),  # open too long, without a script: as before
        (T0 + 3 * DAY, T0 + HOUR, None, True),  # kept on a tablet three days, still open
        (T0 + 3 * DAY, T0 + HOUR, T0 + 2 * HOUR, True),  # ...and the phase closed meanwhile
        (T0 + 8 * DAY, T0 + HOUR, T0 + 2 * HOUR, False),  # beyond the grace after closing
        (T0 + 3 * DAY, T0 + 3 * HOUR, T0 + 2 * HOUR, False),  # completed after it closed
        (T0 + 3 * HOUR, None, T0 + 2 * HOUR, False),  # no script: completed on arrival, late
        (T0 + 3 * DAY, T0 - DAY, T0 + 2 * HOUR, True),  # a tablet clock behind: clamped up
    ],
)
def test_which_answers_are_accepted(received, claimed, closed, ok):
    assert judge(T0, received, claimed, closed) is ok


def test_a_form_given_out_after_the_closing_is_never_late_enough():
    assert not judge(T0, T0 + HOUR, T0 + HOUR, closed=T0 - HOUR)


def test_the_completion_is_clamped_between_issue_and_arrival():
    assert Timing(T0, T0 + DAY, T0 - DAY).completed == T0
    assert Timing(T0, T0 + DAY, T0 + 9 * DAY).completed == T0 + DAY
    assert Timing(T0, T0 + DAY, None).completed == T0 + DAY
