"""Paper-response files: a file with any problem is refused whole, with `line:column: message`
lines counted as a spreadsheet shows them, and nothing is stored. Also the template."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.models import Response
from survey_app.questionnaire.schema import Item, Option, ResponseSet
from survey_app.questionnaire.startup import registry_of
from survey_app.responses.cells import CellError, parse_cell
from survey_app.responses.import_csv import ImportRejected, check_file, import_file
from tests.conftest import response_count
from tests.sample_answers import PRE_ANSWERS, paper_cell

ITEMS = ("belong_area", "belong_city", "friends_count", "do_differently")
HEADER = f"session,phase,respondent,{','.join(ITEMS)}"


def paper_line(session_id: int, phase: str, respondent: str, answers: dict) -> str:
    """One typed line of the sample's shared answers, blank where an item is not answered."""
    cells = (paper_cell(answers[item]) if item in answers else "" for item in ITEMS)
    return f"{session_id},{phase},{respondent}," + ",".join(cells)


def problems_of(app, text: str | bytes) -> list[str]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(ImportRejected) as caught:
        import_file(data, registry_of(app))
    assert response_count() == 0
    return caught.value.problems


def test_a_good_file_is_imported_whole(app, session):
    pre = paper_line(session.id, "pre", "7", PRE_ANSWERS)
    assert pre == f"{session.id},pre,7,4,5,3,"
    text = f'{HEADER}\n{pre}\n{session.id},post,7,5,5,,"more, friends"\n'
    rows = import_file(text.encode(), registry_of(app))
    assert [r.phase for r in rows] == ["pre", "post"]
    saved = db.session.scalars(sa.select(Response).order_by(Response.id)).all()
    assert [r.answers for r in saved] == [
        {item: PRE_ANSWERS[item] for item in ITEMS if item in PRE_ANSWERS},
        {"belong_area": 5, "belong_city": 5, "do_differently": "more, friends"},
    ]
    assert {(r.source, r.respondent_key, r.questionnaire_id) for r in saved} == {
        ("paper", "7", "sample")
    }


def test_every_problem_is_reported_and_nothing_imported(app, session):
    text = "\n".join([
        HEADER + ",favourite",
        f"{session.id},pre,1,7,5,3,,",          # 7 is not an answer
        "999,pre,2,4,5,3,,",                     # no such session
        f"{session.id},single,3,4,5,3,,",        # a phase the session lacks
        f"{session.id},post,4,4,5,3,,",          # friends_count is asked before only
        f"{session.id},pre,5,4,5,101,,",         # outside 0-100
        f"{session.id},pre,Alice,4,5,3,,",       # a name as the respondent
        f"{session.id},pre,6,4,5,3,,,extra",     # more cells than columns
    ])  # fmt: skip
    assert problems_of(app, text) == [
        "2:4: belong_area: '7' is not one of its answers (1, 2, 3, 4, 5, 9)",
        "3:1: there is no session '999'",
        f"4:2: session {session.id} has no single phase (it has: pre, post)",
        "5:6: friends_count is not asked in the post phase; leave it blank",
        "6:6: friends_count: 101 is outside the allowed range from 0 to 100",
        "7:3: respondent must be the number or code written on the form, like 17 or A-07-2, "
        "never a name",
        "8:9: this line has more cells than there are columns",
        "1:8: unknown column 'favourite': not a question of sample v1",
    ]


def test_line_numbers_count_rows_as_a_spreadsheet_shows_them(app, session):
    # The quoted answer spans two physical lines but is one spreadsheet row (line 2).
    text = f'{HEADER}\n{session.id},post,1,4,5,,"one\ntwo"\n{session.id},pre,2,8,5,3,\n'
    assert problems_of(app, text) == [
        "3:4: belong_area: '8' is not one of its answers (1, 2, 3, 4, 5, 9)"
    ]


def test_sessions_by_short_code_phases_as_printed_and_blank_lines(app, session):
    pre_code = next(link.code for link in session.links if link.phase == "pre")
    typed = f"{pre_code[:4].lower()}-{pre_code[4:]}"
    text = f"\ufeff{HEADER}\n{typed},BEFORE,1,4,,,\n,,,,,,\n{typed},after,1,5,,,\n,,,,,,\n"
    rows = import_file(text.encode("utf-8"), registry_of(app))
    assert [(r.session.id, r.phase) for r in rows] == [(session.id, "pre"), (session.id, "post")]


def test_a_respondent_twice_or_already_imported_is_refused(app, session):
    line = f"{session.id},pre,12,4,5,3,"
    assert problems_of(app, f"{HEADER}\n{line}\n{line}\n") == [
        "3:3: respondent 12 is also on line 2 for the same session and phase"
    ]
    import_file(f"{HEADER}\n{line}\n".encode(), registry_of(app))
    changed = line.replace(",4,", ",5,")  # another file, so not refused as a copy of the first
    with pytest.raises(ImportRejected) as caught:
        import_file(f"{HEADER}\n{changed}\n".encode(), registry_of(app))
    assert caught.value.problems == [
        f"2:3: respondent 12 already has a pre response in session {session.id} (imported before?)"
    ]
    assert response_count() == 1


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"", "1:1: the file is empty: the first line must name the columns"),
        (b"session,phase,belong_area\n", "2:1: there are no responses in the file, only the "
         "column names"),
        (b"phase,belong_area\n1,pre\n", "1:1: there is no 'session' column (download the "
         "template)"),
        (b"session,phase,phase\n", "1:3: the column 'phase' appears twice"),
        ("session,phase,belong_area\n1,pre,\u00e9".encode("latin-1"),
         "2:3: the file is not UTF-8 text: in Excel, save it as 'CSV UTF-8'"),
    ],
)  # fmt: skip
def test_files_that_cannot_be_read(app, data, expected):
    assert problems_of(app, data)[0] == expected


def test_a_line_with_no_answers_is_refused(app, session):
    assert problems_of(app, f"{HEADER}\n{session.id},pre,3,,,,\n") == [
        "2:1: this line has no answers: fill it in or delete it"
    ]


def test_check_file_changes_nothing(app, session):
    rows = check_file(f"{HEADER}\n{session.id},pre,1,4,5,3,\n".encode(), registry_of(app))
    assert len(rows) == 1 and response_count() == 0


CHOICES = ResponseSet(
    kind="choice",
    options=tuple(Option(value=v, label={"en": str(v)}) for v in (1, 2, 3, 4)),
)
MULTI = Item(id="tried", type="multiple_choice", text={"en": "?"}, phases=("post",),
             response_set="c")  # fmt: skip


@pytest.mark.parametrize("typed, expected", [("3;1", [1, 3]), ("2", [2]), (" 4 ; 2 ;", [2, 4])])
def test_multiple_choice_cells(typed, expected):
    assert parse_cell(typed, MULTI, CHOICES) == expected


@pytest.mark.parametrize("typed", ["1;5", "1;1", "1,3", ";", "one"])
def test_bad_multiple_choice_cells(typed):
    with pytest.raises(CellError):
        parse_cell(typed, MULTI, CHOICES)


def test_template_names_the_columns(app, session, tmp_path):
    out = tmp_path / "template.csv"
    runner = app.test_cli_runner()
    result = runner.invoke(args=["responses", "template", str(session.id), "-o", str(out)])
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines() == [
        "session,phase,respondent,year_group,belong_area,belong_city,nervous_mixing,"
        "mix_often,mix_school,friends_count,do_differently"
    ]
    missing = runner.invoke(args=["responses", "template", "ZZZZ-ZZZZ"])
    assert missing.exit_code == 1 and "there is no session 'ZZZZ-ZZZZ'" in missing.output


def test_import_cli_prints_problems_and_exits_1(app, session, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(f"{HEADER}\n{session.id},pre,1,6,5,3,\n")
    result = app.test_cli_runner().invoke(args=["responses", "import", str(path)])
    assert result.exit_code == 1
    assert "bad.csv:2:4: belong_area: '6' is not one of its answers" in result.output
    assert "Nothing imported: 1 problem(s) to fix." in result.output
    assert response_count() == 0


HUGE = "9" * 5000  # past Python's 4300-digit limit for int(): a ValueError once (issue 12)


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        (1, "2:1: there is no session '99999999999999999999... (5,000 characters)'"),
        (4, "2:4: belong_area: '99999999999999999999... (5,000 characters)' is not one of"),
        (6, "2:6: friends_count: '99999999999999999999... (5,000 characters)' is not a whole"),
    ],
)
def test_a_5000_digit_number_in_any_cell_is_a_line_and_column_message(
    app, session, column, expected
):
    cells = [str(session.id), "pre", "7", "4", "5", "3", ""]
    cells[column - 1] = HUGE
    problems = problems_of(app, f"{HEADER}\n{','.join(cells)}\n")
    assert [p for p in problems if p.startswith(expected)], problems


@pytest.mark.parametrize("typed", ["2147483648", "9223372036854775808", "²", "٣"])
def test_a_session_number_no_id_can_hold_is_no_such_session(app, session, typed):
    problems = problems_of(app, f"{HEADER}\n{typed},pre,7,4,5,3,\n")
    assert problems == [f"2:1: there is no session '{typed}'"]
