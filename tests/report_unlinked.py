"""A school whose BEFORE and AFTER answers cannot be linked: 15 of each, no matched pair."""

from __future__ import annotations

import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.models import Response
from tests.report_data import store_groups

NO_PAIRS = "no matched pairs: the BEFORE and AFTER answers could not be linked"
UNLINKED = "Unlinked School"


def store_unlinked(registry) -> dict[str, int]:
    """Ten School (10 pairs), Big School (30) and Unlinked School (15 + 15, keys all differ)."""
    ids = store_groups(registry, {"Ten School": 10, "Big School": 30, UNLINKED: 15})
    db.session.execute(
        sa.update(Response)
        .where(Response.session_id == ids[UNLINKED], Response.phase == "post")
        .values(respondent_key=sa.literal("after-").concat(sa.cast(Response.id, sa.String)))
    )
    db.session.commit()
    return ids
