"""Synthetic PRE/POST answers written straight into the database with bulk inserts.

Every respondent answers every item PRE and POST on the same device (one respondent key), so all
are matched pairs; about 5% of answers are "don't know" (9). POST drifts up a little.
"""

from __future__ import annotations

import json
import time
import uuid
from datetime import datetime

import numpy as np

from bench.databases import BenchDatabase

COLUMNS = (
    "response_uuid",
    "session_id",
    "phase",
    "questionnaire_id",
    "questionnaire_version",
    "language",
    "submitted_at",
    "respondent_key",
    "source",
    "answers",
)
DONT_KNOW, DONT_KNOW_SHARE = 9, 0.05
SUBMITTED = {"pre": datetime(2026, 1, 1, 9, 0), "post": datetime(2026, 1, 1, 11, 0)}


def answer_matrices(respondents: int, items: int, seed: int = 1) -> dict[str, np.ndarray]:
    """PRE and POST answers (respondents x items), values 1-5 or 9 for "don't know"."""
    rng = np.random.default_rng(seed)
    pre = rng.integers(1, 6, size=(respondents, items))
    post = np.clip(pre + rng.choice([-1, 0, 0, 1, 1], size=pre.shape), 1, 5)
    for matrix in (pre, post):
        matrix[rng.random(matrix.shape) < DONT_KNOW_SHARE] = DONT_KNOW
    return {"pre": pre, "post": post}


def rows(sessions: list[dict], per_session: int, item_ids: list[str], questionnaire_id: str):
    """Response rows, session by session: (columns...) in COLUMNS order."""
    answers = answer_matrices(len(sessions) * per_session, len(item_ids))
    for s_index, session in enumerate(sessions):
        for r in range(s_index * per_session, (s_index + 1) * per_session):
            key = uuid.uuid4().hex
            for phase in ("pre", "post"):
                values = dict(zip(item_ids, answers[phase][r].tolist(), strict=True))
                yield (
                    str(uuid.uuid4()),
                    session["session_id"],
                    phase,
                    questionnaire_id,
                    session["questionnaire_version"],
                    "en",
                    SUBMITTED[phase],
                    key,
                    "web",
                    json.dumps(values, separators=(",", ":")),
                )


def insert(db: BenchDatabase, row_iter) -> dict:
    """Bulk-insert the rows (executemany on SQLite, COPY on PostgreSQL); count and seconds."""
    start, count = time.perf_counter(), 0
    conn = db.connect()
    try:
        if db.kind == "sqlite":
            marks = ", ".join("?" * len(COLUMNS))
            sql = f"INSERT INTO response ({', '.join(COLUMNS)}) VALUES ({marks})"
            for batch in _batches(row_iter, 10_000):
                conn.executemany(sql, [_sqlite_row(r) for r in batch])
                count += len(batch)
        else:
            with conn.cursor().copy(f"COPY response ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in row_iter:
                    copy.write_row(row)
                    count += 1
        conn.commit()
        if db.kind == "postgresql":
            conn.execute("ANALYZE response")
            conn.commit()
    finally:
        conn.close()
    return {"rows": count, "seconds": round(time.perf_counter() - start, 2)}


def _sqlite_row(row: tuple) -> tuple:
    # SQLAlchemy stores DateTime in SQLite as text of this form.
    return row[:6] + (row[6].strftime("%Y-%m-%d %H:%M:%S.%f"),) + row[7:]


def _batches(iterable, size: int):
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
