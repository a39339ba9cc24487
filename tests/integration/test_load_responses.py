"""Reports read responses as the driver's own rows (reports/data.py `fetch_rows`): the frame
must be the one SQLAlchemy's processed rows give, on SQLite (dates come back as text there)
and on PostgreSQL."""

from __future__ import annotations

from datetime import date

import pandas as pd

from survey_app.extensions import db
from survey_app.questionnaire.startup import registry_of
from survey_app.reports.data import load_responses, responses_frame, responses_query
from tests.report_data import store_groups


def test_the_drivers_rows_make_the_same_frame_as_sqlalchemys(app):
    registry = registry_of(app)
    store_groups(registry, {"Ten School": 10, "Ysgol Gymraeg": 3}, session_date=date(2026, 3, 2))
    store_groups(registry, {"No Programme School": 2}, programme="", seed=1)
    fast = load_responses("sample")
    processed = responses_frame(db.session.execute(responses_query("sample")).all())
    pd.testing.assert_frame_equal(fast, processed)
    assert len(fast) == 30 and set(fast["session_date"]) == {date(2026, 3, 2), date(2024, 3, 5)}
    assert fast["programme"].isna().sum() == 4 and fast["belong_city"].notna().all()
