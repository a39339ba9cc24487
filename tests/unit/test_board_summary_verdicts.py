"""What the Board report's summary may say of a change (ADR 0041): for the better or the worse
only by the declared direction, and only when the printed interval leaves out no change."""

from __future__ import annotations

import pandas as pd
import pytest

from survey_app.reports.board_summary import verdict_of


@pytest.mark.parametrize(
    ("change_is", "p", "said"),
    [
        ("better", 0.01, "better"),
        ("worse", 0.01, "worse"),  # a rise in worry: the direction, not the sign, decides
        ("better", 0.2, "chance"),
        ("worse", 0.049, "worse"),
        ("worse", 0.05, "chance"),
        ("none", 0.001, "chance"),
        ("better", None, "chance"),
    ],
)
def test_the_verdict_follows_direction_and_the_printed_interval(change_is, p, said):
    assert verdict_of(pd.Series({"change_is": change_is, "t_p_value": p})) == said
