"""The benchmark harness's pure parts, at a tiny size: form filling, statistics, the
exactly-once proof, budgets, synthetic data, the ceiling app and the report. Never timed."""

from __future__ import annotations

import random
import sqlite3
import sys
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

# bench/ is a top-level folder run with `python -m bench`, not an installed package.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench import ceiling_app  # noqa: E402
from bench.budgets import FIGURES, Figure, misses  # noqa: E402
from bench.client import Flow  # noqa: E402
from bench.form import fill, parse_form  # noqa: E402
from bench.load import percentile  # noqa: E402
from bench.quiet import _baseline  # noqa: E402
from bench.report import render  # noqa: E402
from bench.scale_data import answer_matrices, rows  # noqa: E402
from bench.verify import compare  # noqa: E402

RID = "0b6f2a4e-8c1d-4c3e-9f57-1a2b3c4d5e6f"
PAGE = f"""
<form method="get" action="/go"><input name="code"></form>
<form method="post" action="/s/tok">
  <input type="hidden" name="csrf_token" value="abc.def">
  <input type="hidden" name="response_id" value="{RID}">
  <fieldset><input type="radio" name="q1" value="1"><input type="radio" name="q1" value="2">
  </fieldset>
  <fieldset><input type="radio" name="q2" value="9"></fieldset>
  <input type="number" name="friends" min="3" max="5">
  <textarea name="comment"></textarea>
  <input type="text" name="other">
  <button type="submit" name="action" value="send">Send</button>
</form>
<form method="post" action="/elsewhere"><input type="radio" name="zz" value="1"></form>
"""


def test_parse_form_reads_the_first_post_form_only() -> None:
    form = parse_form(PAGE)
    assert form.action == "/s/tok"
    assert form.radios == {"q1": ["1", "2"], "q2": ["9"]}
    assert form.numbers == {"friends": (3, 5)}
    assert form.texts == ["comment", "other"]
    assert form.response_id == RID
    assert form.submit == ("action", "send")


def test_parse_form_presses_the_default_button_never_a_language_switcher() -> None:
    """As a browser's Enter does: the form's first submit button, here an unnamed Send."""
    page = PAGE.replace(
        '<input type="hidden" name="csrf_token"',
        '<button type="submit" class="vh">Send</button>'
        '<button type="submit" name="switch_language" value="pl">Polski</button>'
        '<input type="hidden" name="csrf_token"',
    )
    form = parse_form(page)
    assert form.submit is None
    assert "switch_language" not in dict(fill(form, "m", random.Random(0)))


def test_fill_answers_every_question_and_writes_the_marker_once() -> None:
    data = dict(fill(parse_form(PAGE), "bench-x-1", random.Random(0)))
    assert data["csrf_token"] == "abc.def" and data["response_id"] == RID
    assert data["q1"] in ("1", "2") and data["q2"] == "9"
    assert 3 <= int(data["friends"]) <= 5
    assert (data["comment"], data["other"]) == ("bench-x-1", "")
    assert "zz" not in data


def test_parse_form_reads_quoting_entities_and_selects() -> None:
    form = parse_form(
        "<FORM METHOD='POST'><input type=hidden name='t' value='a&amp;b'>"
        '<select name="lang"><option value="">Pick</option><option value="cy">Cymraeg</option>'
        '</select><input type="checkbox" name="m" value="1"></FORM><input type="radio" name="x">'
    )
    assert form.hidden == [("t", "a&b")]
    assert form.selects == {"lang": ["cy"]} and form.checkboxes == {"m": ["1"]}
    assert form.radios == {} and form.response_id is None


def test_a_page_without_a_post_form_is_refused() -> None:
    with pytest.raises(ValueError, match="no POST form"):
        parse_form('<form method="get"><input name="q"></form>')


def test_percentile_is_nearest_rank() -> None:
    values = [float(n) for n in range(100, 0, -1)]
    assert (percentile(values, 50), percentile(values, 95), percentile(values, 100)) == (
        50.0,
        95.0,
        100.0,
    )
    assert percentile([], 95) is None


def test_other_load_counts_only_cpu_used_since_the_last_sample() -> None:
    seen = {10: 5.0}
    assert 7.0 - _baseline(seen, 10, start=1.0, now=7.0, since=100.0) == 2.0  # known: its delta
    assert 3.0 - _baseline(seen, 11, start=150.0, now=3.0, since=100.0) == 3.0  # new: all of it
    assert 9.0 - _baseline(seen, 12, start=50.0, now=9.0, since=100.0) == 0.0  # left our tree


def _flow(n: int) -> Flow:
    return Flow(ok=True, response_id=f"id-{n}", marker=f"bench-r-{n}")


def test_proof_holds_when_each_completion_is_stored_once() -> None:
    flows = [_flow(1), _flow(2), Flow(ok=False, error="HTTP 500")]
    stored = [("id-1", {"t": "bench-r-1"}), ("id-2", {"t": "bench-r-2"})]
    assert compare(flows, stored)["exactly_once"] is True


@pytest.mark.parametrize(
    ("stored", "broken"),
    [
        ([("id-1", {"t": "bench-r-1"})], "ids_completed_not_stored"),
        (
            [("id-1", {"t": "bench-r-1"}), ("id-2", {"t": "bench-r-2"}), ("id-3", {})],
            "ids_stored_not_completed",
        ),
        ([("id-1", {"t": "bench-r-1"}), ("id-2", {"t": "bench-r-1"})], "markers_stored_twice"),
        ([("id-1", {"t": "bench-r-1"}), ("id-1", {"t": "bench-r-2"})], "ids_stored_twice"),
    ],
)
def test_proof_fails_on_a_lost_extra_or_double_row(stored, broken) -> None:
    result = compare([_flow(1), _flow(2)], stored)
    assert result["exactly_once"] is False
    assert result[broken] >= 1


def test_figures_judge_values_against_budgets() -> None:
    figure = Figure("scale", "seconds", "compare.seconds", "<=", 10, "s")
    assert figure.value({"compare": {"seconds": 12.5}}) == 12.5
    assert figure.status(12.5) == "MISS" and figure.status(10) == "PASS"
    assert figure.value({"compare": {}}) is None and figure.status(None) == ""
    assert misses("scale", {"compare": {"seconds": 11, "peak_mib": 100}, "floor_ratio": 2}) == [
        "report compare: seconds"
    ]


def test_synthetic_answers_pair_pre_with_post() -> None:
    matrices = answer_matrices(50, 4, seed=3)
    for matrix in matrices.values():
        assert matrix.shape == (50, 4)
        assert set(matrix.ravel()) <= {1, 2, 3, 4, 5, 9}
    sessions = [
        {"session_id": 7, "questionnaire_version": 1},
        {"session_id": 8, "questionnaire_version": 1},
    ]
    made = list(rows(sessions, 3, ["a", "b"], "q"))
    assert len(made) == 2 * 3 * 2
    keys = {}
    for row in made:
        keys.setdefault(row[7], []).append((row[1], row[2]))
    assert all(
        sorted(p for _, p in v) == ["post", "pre"] and v[0][0] == v[1][0] for v in keys.values()
    )


def test_ceiling_app_stores_one_row_per_response_id(tmp_path, monkeypatch) -> None:
    path = tmp_path / "ceiling.db"
    conn = sqlite3.connect(path)
    ceiling_app.create_table(conn, "sqlite")
    monkeypatch.setenv("CEILING_SQLITE", str(path))
    monkeypatch.delenv("CEILING_PG", raising=False)
    monkeypatch.setattr(ceiling_app, "_local", type(ceiling_app._local)())
    client = ceiling_app.app.test_client()
    form = parse_form(client.get("/s/t1").get_data(as_text=True))
    data = MultiDict(fill(form, "bench-c-1", random.Random(1)))
    for _ in range(2):  # a retried POST with the same response id stores once
        reply = client.post("/s/t1", data=data)
        assert reply.status_code == 303 and reply.headers["Location"].endswith("/s/t1/thanks")
    assert conn.execute("select count(*), max(response_uuid) from ceiling_response").fetchone() == (
        1,
        form.response_id,
    )


def test_report_shows_each_figure_beside_its_budget() -> None:
    results = {
        "mode": "full",
        "started": "s",
        "finished": "f",
        "load": {"before": 0.1, "after": 0.2, "quiet": True},
        "machine": {
            "git_commit": "abc",
            "cores": 2,
            "cpu": "x",
            "ram_gib": 1,
            "os": "linux",
            "python": "3",
            "sqlite": "3",
            "postgresql": "15",
            "chromium": "c",
            "packages": {},
        },  # fmt: skip
        "benchmarks": {
            "page_weight": {
                "sqlite": {
                    "wire_kb": 25.0,
                    "requests": 3,
                    "third_party_requests": 0,
                    "languages": {"ur": {"wire_kb": 14.5, "requests": 1, "decoded_kb": 48}},
                },
                "postgresql": {"error": "boom"},
            }
        },
    }
    text = render(results)
    assert "| Pupil page weight | pupil page: on the wire | <= 20 KB | 25 | MISS | ERROR |" in text
    assert "| pupil page: requests | <= 4 | 3 | PASS |" in text
    assert "missed pupil page: on the wire" in text and "boom" in text
    assert "| first load in ur: on the wire | <= 20 KB | 14.5 | PASS |" in text
    assert "| first load in ur: requests | <= 4 | 1 | PASS |" in text
    assert "missed pupil page: on the wire, first load in ur: decoded" in text
    assert len({f.label for f in FIGURES}) == len(FIGURES)


def test_a_relative_action_is_posted_to_the_page_it_came_from() -> None:
    """The pupil form's action is `?lang=xx`: sent as it stands it is no request path, and the
    cluster tests got 400 from the server (CI, 2026-12-03)."""
    form = parse_form('<form method="post" action="?lang=pl"></form>')
    assert form.post_path("/s/abc") == "/s/abc?lang=pl"
    assert parse_form('<form method="post"></form>').post_path("/s/abc") == "/s/abc"
