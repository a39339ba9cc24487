"""The floor for scoring at scale: read the same rows into pandas and expand the JSON answers.

Run as a subprocess (`python -m bench.floor DATABASE_URL QUESTIONNAIRE_ID`); prints JSON with the
seconds spent reading and expanding, excluding interpreter start and imports.
"""

from __future__ import annotations

import json
import sys
import time

import pandas as pd
import sqlalchemy as sa

# The columns scoring.compare() takes (see its docstring), plus the JSON answers to expand.
QUERY = """
SELECT r.id AS response_id, r.session_id, o.name AS organisation, p.name AS programme,
       s.session_date, r.phase, r.questionnaire_id, r.questionnaire_version,
       r.respondent_key, r.match_code, r.answers
FROM response r
JOIN survey_session s ON s.id = r.session_id
JOIN organisation o ON o.id = s.organisation_id
LEFT JOIN programme p ON p.id = s.programme_id
WHERE r.questionnaire_id = :questionnaire_id
ORDER BY r.id
"""


def read_wide(engine: sa.Engine, questionnaire_id: str) -> pd.DataFrame:
    """One row per response, one column per item: the least any comparison must do."""
    with engine.connect() as conn:
        frame = pd.read_sql(sa.text(QUERY), conn, params={"questionnaire_id": questionnaire_id})
    answers = frame.pop("answers")
    parsed = [json.loads(a) if isinstance(a, str) else a for a in answers]
    return pd.concat([frame, pd.DataFrame.from_records(parsed, index=frame.index)], axis=1)


def main(database_url: str, questionnaire_id: str) -> None:
    engine = sa.create_engine(database_url)
    start = time.perf_counter()
    wide = read_wide(engine, questionnaire_id)
    seconds = time.perf_counter() - start
    summary = {"seconds": round(seconds, 3), "rows": len(wide), "columns": wide.shape[1]}
    json.dump(summary, sys.stdout)


if __name__ == "__main__":
    main(*sys.argv[1:])
