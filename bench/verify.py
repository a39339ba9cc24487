"""Proof that the database holds exactly one row per completion a client saw, and nothing else."""

from __future__ import annotations

import json
from collections import Counter

from bench.client import Flow
from bench.databases import BenchDatabase

OURS_SQL = "SELECT response_uuid, answers FROM response WHERE session_id = {p}"
CEILING_SQL = "SELECT response_uuid, answers FROM ceiling_response WHERE token = {p}"


def stored(db: BenchDatabase, sql: str, key) -> list[tuple[str, object]]:
    """(response id, answers) of every stored row for one session (or ceiling token)."""
    conn = db.connect()
    try:
        rows = conn.execute(sql.format(p=db.placeholder), (key,)).fetchall()
    finally:
        conn.close()
    return [(uuid, json.loads(a) if isinstance(a, str) else a) for uuid, a in rows]


def compare(flows: list[Flow], rows: list[tuple[str, object]]) -> dict:
    """Counts and set differences between client completions and stored rows."""
    done = [f for f in flows if f.ok]
    seen_ids = Counter(f.response_id for f in done if f.response_id)
    stored_ids = Counter(uuid for uuid, _ in rows)
    markers = Counter(m for _, answers in rows for m in _markers(answers))
    wanted = {f.marker for f in done if f.marker}
    checks_markers = bool(wanted)
    result = {
        "completions": len(done),
        "rows": len(rows),
        "ids_seen_by_clients": len(seen_ids),
        "ids_stored_twice": sum(1 for n in stored_ids.values() if n > 1),
        "ids_completed_not_stored": len(set(seen_ids) - set(stored_ids)),
        "ids_stored_not_completed": len(set(stored_ids) - set(seen_ids)) if seen_ids else None,
        "markers_stored": sum(markers.values()) if checks_markers else None,
        "markers_stored_twice": sum(1 for n in markers.values() if n > 1),
        "markers_missing": len(wanted - set(markers)) if checks_markers else None,
    }
    result["exactly_once"] = (
        result["rows"] == result["completions"]
        and result["ids_stored_twice"] == 0
        and result["ids_completed_not_stored"] == 0
        and result["ids_stored_not_completed"] in (0, None)
        and result["markers_stored_twice"] == 0
        and result["markers_missing"] in (0, None)
        and (bool(seen_ids) or checks_markers)  # at least one kind of proof was possible
    )
    return result


def _markers(answers: object) -> list[str]:
    values = answers.values() if isinstance(answers, dict) else []
    return [v for v in values if isinstance(v, str) and v.startswith("bench-")]
