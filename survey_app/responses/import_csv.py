"""Paper responses from a CSV file, for when the tablets fail: every cell checked, then all of
the file imported, or none of it.

One line per paper form. Columns: `session` (the session's number or one of its short codes),
`phase` (pre or post; "before" and "after" as printed on the sheets also work), `respondent`
(optional: the number or code written on the paper that links a child's two forms; in a
shared-devices session a letter-month-count code is read as the tablet reads it and stored as
the match code, ADR 0038), then one column per item id. A blank cell is an unanswered
question; a multiple-choice cell lists its values with semicolons ("1;3"). Problems are
reported as `line:column: message`, counted as a spreadsheet shows them (the column names are
line 1, column A is 1).

The file is read a line at a time within the IMPORT_MAX_BYTES and IMPORT_MAX_ROWS caps, with
commas or semicolons between cells (csv_stream.py), and a file whose content was imported
before is refused with the date it was (paper_imports.py).
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import IO, Any

import sqlalchemy as sa
from flask import current_app

from ..extensions import db
from ..itemtypes.base import shortened
from ..models import Response, SessionLink, SurveySession
from ..questionnaire.registry import Registry
from ..questionnaire.schema import Questionnaire
from ..respond.code_parts import code_from_text, looks_like_code
from ..safeguarding.scan import scan_after_import
from ..sessions.codes import CODE_LENGTH, normalise_code
from .cells import CellError, parse_cell
from .csv_stream import CsvStream, FileRefused, Limits
from .paper_imports import first_import, imported_before, store_once

SESSION, PHASE, RESPONDENT = "session", "phase", "respondent"
FIXED = (SESSION, PHASE, RESPONDENT)
PHASE_WORDS = {"pre": "pre", "before": "pre", "post": "post", "after": "post", "single": "single"}
# A respondent key links two paper forms. It must hold a digit, so a name is never stored.
RESPONDENT_FORM = re.compile(r"^(?=.*[0-9])[A-Za-z0-9-]{1,32}$")
SESSION_NUMBER = re.compile(r"[0-9]{1,10}")  # ASCII digits only: str.isdigit() takes "²"
MAX_ID = 2**31 - 1  # PostgreSQL's integer, our id columns (as in web/converters.py)


class ImportRejected(ValueError):
    """The file was not imported; `problems` holds one `line:column: message` per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class PaperRow:
    line: int
    session: SurveySession
    questionnaire: Questionnaire
    phase: str
    respondent: str | None
    answers: dict[str, Any]
    match_code: str | None = None  # a shared-devices session's letter-month-count code


@dataclass
class _Check:
    """What checking a file has found so far."""

    registry: Registry
    problems: list[str] = field(default_factory=list)
    sessions: dict[str, SurveySession | None] = field(default_factory=dict)

    @cached_property
    def all_items(self) -> set[str]:
        return {item.id for q in self.registry for item in q.items}

    def problem(self, line: int, column: int, message: str) -> None:
        self.problems.append(f"{line}:{column}: {message}")


def import_file(
    data: bytes | IO[bytes], registry: Registry, limits: Limits | None = None
) -> list[PaperRow]:
    """Check the whole file, then store every row in one transaction, once per file content;
    ImportRejected if not."""
    checked = check_stream(data, registry, limits)
    responses = [
        Response(
            response_uuid=str(uuid.uuid4()),
            session_id=row.session.id,
            phase=row.phase,
            questionnaire_id=row.questionnaire.id,
            questionnaire_version=row.questionnaire.version,
            language=row.questionnaire.languages[0],
            respondent_key=row.respondent,
            match_code=row.match_code,
            source="paper",
            answers=row.answers,
        )
        for row in checked.rows
    ]
    sessions = sorted({row.session.id for row in checked.rows})
    earlier = store_once(checked.content_hash, responses, sessions)
    if earlier is not None:
        raise ImportRejected([imported_before(earlier)])
    scan_after_import(responses)  # free text on paper reaches a lead as surely as typed
    return checked.rows


@dataclass(frozen=True)
class CheckedFile:
    rows: list[PaperRow]
    content_hash: str


def check_file(
    data: bytes | IO[bytes], registry: Registry, limits: Limits | None = None
) -> list[PaperRow]:
    """The rows of a valid file; ImportRejected listing every problem otherwise."""
    return check_stream(data, registry, limits).rows


def check_stream(
    data: bytes | IO[bytes], registry: Registry, limits: Limits | None = None
) -> CheckedFile:
    """Read the file a line at a time within its caps; its rows and content hash when valid.
    A file whose content was imported before is refused with the date it was."""
    stream = CsvStream(io.BytesIO(data) if isinstance(data, bytes) else data,
                       limits or configured_limits())  # fmt: skip
    check = _Check(registry)
    try:
        rows = _checked_rows(stream.records(), check)
    except FileRefused as exc:
        raise ImportRejected([f"{exc.line}:{exc.column}: {exc}"]) from None
    earlier = first_import(stream.content_hash)
    if earlier is not None:
        raise ImportRejected([imported_before(earlier)])
    if check.problems:
        raise ImportRejected(check.problems)
    return CheckedFile(rows, stream.content_hash)


def _checked_rows(records: Iterator[tuple[int, list[str]]], check: _Check) -> list[PaperRow]:
    """Every valid row; each problem in `check`. Reads the records to the end, for the hash."""
    first = next(records, None)
    if first is None or not any(cell.strip() for cell in first[1]):
        for _ in records:  # the hash needs the whole file, and a cap may still apply
            pass
        check.problem(1, 1, "the file is empty: the first line must name the columns")
        return []
    header = [cell.strip() for cell in first[1]]
    _check_header(header, check)
    if check.problems:
        for _ in records:
            pass
        return []
    rows = [row for row in _rows(header, records, check) if row is not None]
    _check_columns_known(header, rows, check)
    _check_respondents(rows, header, check)
    if not rows and not check.problems:
        check.problem(2, 1, "there are no responses in the file, only the column names")
    return rows


def configured_limits() -> Limits:
    """The caps from the app's settings."""
    config = current_app.config
    return Limits(int(config["IMPORT_MAX_BYTES"]), int(config["IMPORT_MAX_ROWS"]))


def find_session(typed: str) -> SurveySession | None:
    """A session by its number, or by the short code of any of its links."""
    text = typed.strip()
    number = _session_number(text)
    if number is not None and len(text) < CODE_LENGTH:  # too short to be a code
        return db.session.get(SurveySession, number)
    if len(text) <= 2 * CODE_LENGTH:  # room for dashes and spaces; longer is no code
        link = db.session.scalar(sa.select(SessionLink).filter_by(code=normalise_code(text)))
        if link is not None:
            return link.session
    return db.session.get(SurveySession, number) if number is not None else None


def _session_number(text: str) -> int | None:
    """A typed session number that a database id can hold; None for anything else, so a
    5000-digit cell or "²" is "no such session" rather than a ValueError or an overflow."""
    if not SESSION_NUMBER.fullmatch(text):
        return None
    number = int(text)
    return number if number <= MAX_ID else None


def questionnaire_of(session: SurveySession, registry: Registry) -> Questionnaire:
    """The questionnaire version a session is pinned to; KeyError if it is not loaded."""
    version = session.questionnaire_version
    return registry.get(version.questionnaire_id, version.version)


def template_csv(session: SurveySession, registry: Registry) -> str:
    """The empty file for a session: the column names, in questionnaire order.

    Starts with a byte-order mark, so Excel opens it as UTF-8 and keeps accents in answers.
    """
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(template_columns(session, registry))
    return "\ufeff" + out.getvalue()


def template_columns(session: SurveySession, registry: Registry) -> list[str]:
    """The template's column names: the fixed three, then the items of every phase the session
    has, in questionnaire order. The paper form (paper_form.py) prints them in this order."""
    questionnaire = questionnaire_of(session, registry)
    phases = {link.phase for link in session.links}
    items = [i.id for i in questionnaire.items if any(i.in_phase(p) for p in phases)]
    return [*FIXED, *items]


def _check_header(header: list[str], check: _Check) -> None:
    seen: set[str] = set()
    for column, name in enumerate(header, 1):
        if not name:
            check.problem(1, column, "this column has no name")
        elif name.lower() in seen:
            check.problem(1, column, f"the column '{name}' appears twice")
        seen.add(name.lower())
    for name in (SESSION, PHASE):
        if name not in seen:
            check.problem(1, 1, f"there is no '{name}' column (download the template)")


NUL = "\x00"
NUL_PROBLEM = "this cell holds a NUL character (code 0), which cannot be stored"


def _rows(
    header: list[str], records: Iterator[tuple[int, list[str]]], check: _Check
) -> Iterator[PaperRow | None]:
    names = [name.lower() if name.lower() in FIXED else name for name in header]
    for line, record in records:
        if not any(cell.strip() for cell in record):
            continue  # spreadsheets often end with empty lines
        if len(record) > len(header):
            check.problem(line, len(header) + 1, "this line has more cells than there are columns")
            continue
        if any(NUL in cell for cell in record):
            # PostgreSQL stores no NUL in text, and SQLite would keep what PostgreSQL refuses.
            column = next(n for n, cell in enumerate(record, 1) if NUL in cell)
            check.problem(line, column, f"{header[column - 1]}: {NUL_PROBLEM}")
            continue
        cells = {name: (column, value.strip()) for column, (name, value) in
                 enumerate(zip(names, record, strict=False), 1)}  # fmt: skip
        yield _row(line, cells, check)


def _row(line: int, cells: dict[str, tuple[int, str]], check: _Check) -> PaperRow | None:
    column, typed = cells.get(SESSION, (1, ""))
    session = _session(line, column, typed, check)
    phase_column, phase_typed = cells.get(PHASE, (2, ""))
    phase = PHASE_WORDS.get(phase_typed.lower())
    if phase is None:
        check.problem(
            line,
            phase_column,
            "enter the phase: pre or post (or before, after; single for a one-off form)",
        )
    if session is None:
        return None
    try:
        questionnaire = questionnaire_of(session, check.registry)
    except KeyError:
        check.problem(line, column, f"session {session.id} uses a questionnaire not loaded here")
        return None
    phases = [link.phase for link in session.links]
    if phase is not None and phase not in phases:
        check.problem(line, phase_column, f"session {session.id} has no {phase} phase "
                      f"(it has: {', '.join(phases)})")  # fmt: skip
        phase = None
    cell = cells.get(RESPONDENT)
    if session.shared_devices and cell is not None and looks_like_code(cell[1]):
        respondent, code = None, _code(line, cell, check)
    else:
        respondent, code = _respondent(line, cell, check), None
    answers = _answers(line, cells, questionnaire, phase, check)
    if phase is None or answers is None:
        return None
    return PaperRow(line, session, questionnaire, phase, respondent, answers, code)


def _session(line: int, column: int, typed: str, check: _Check) -> SurveySession | None:
    if not typed:
        check.problem(line, column, "enter the session number or code")
        return None
    if typed not in check.sessions:
        check.sessions[typed] = find_session(typed)
    if check.sessions[typed] is None:
        check.problem(line, column, f"there is no session '{shortened(typed)}'")
    return check.sessions[typed]


def _respondent(line: int, cell: tuple[int, str] | None, check: _Check) -> str | None:
    if cell is None or not cell[1]:
        return None
    column, typed = cell
    if not RESPONDENT_FORM.match(typed):
        check.problem(line, column, "respondent must be the number or code written on the form, "
                      "like 17 or A-07-2, never a name")  # fmt: skip
        return None
    return typed


def _code(line: int, cell: tuple[int, str], check: _Check) -> str | None:
    """The child's code, read as the tablet form reads it, so the two paths pair up."""
    code = code_from_text(cell[1])
    if code is None:
        check.problem(line, cell[0], "respondent: the code must be one letter, the month "
                      "(1 to 12) and older brothers and sisters (0 to 5), like A-07-2")  # fmt: skip
    return code


def _answers(
    line: int, cells: dict, questionnaire: Questionnaire, phase: str | None, check: _Check
) -> dict[str, Any] | None:
    answers: dict[str, Any] = {}
    items = {item.id: item for item in questionnaire.items}
    ok = True
    for name, (column, typed) in cells.items():
        if name in FIXED or not typed:
            continue
        if name not in items:
            if name in check.all_items:  # wholly unknown columns are reported once, on line 1
                check.problem(line, column, f"{name} is not a question of {questionnaire.id} "
                              f"v{questionnaire.version}; leave it blank")  # fmt: skip
                ok = False
            continue
        item = items[name]
        if phase is not None and not item.in_phase(phase):
            check.problem(line, column, f"{name} is not asked in the {phase} phase; leave it blank")
            ok = False
            continue
        try:
            answers[name] = parse_cell(typed, item, questionnaire.response_set_of(item))
        except CellError as exc:
            check.problem(line, column, f"{name}: {exc}")
            ok = False
    if ok and not answers:
        check.problem(line, 1, "this line has no answers: fill it in or delete it")
        return None
    return answers if ok else None


def _check_columns_known(header: list[str], rows: list[PaperRow], check: _Check) -> None:
    """A column must be an item of a questionnaire the file's sessions use."""
    used = {(r.questionnaire.id, r.questionnaire.version): r.questionnaire for r in rows}
    questionnaires = list(used.values()) or list(check.registry)
    known = {item.id for q in questionnaires for item in q.items}
    names = ", ".join(f"{q.id} v{q.version}" for q in questionnaires)
    for column, name in enumerate(header, 1):
        if name.lower() not in FIXED and name not in known:
            check.problem(1, column, f"unknown column '{name}': not a question of {names}")


def _check_respondents(rows: list[PaperRow], header: list[str], check: _Check) -> None:
    """A respondent key may appear once per session and phase, counting earlier imports."""
    if RESPONDENT not in [name.lower() for name in header]:
        return
    column = [name.lower() for name in header].index(RESPONDENT) + 1
    keyed = [r for r in rows if r.respondent]
    stored = set(
        db.session.execute(
            sa.select(Response.session_id, Response.phase, Response.respondent_key).where(
                Response.session_id.in_({r.session.id for r in keyed}),
                Response.respondent_key.in_({r.respondent for r in keyed}),
            )
        ).all()
    ) if keyed else set()  # fmt: skip
    first: dict[tuple, int] = {}
    for r in keyed:
        key = (r.session.id, r.phase, r.respondent)
        if key in stored:
            check.problem(r.line, column, f"respondent {r.respondent} already has a {r.phase} "
                          f"response in session {r.session.id} (imported before?)")  # fmt: skip
        elif key in first:
            check.problem(r.line, column, f"respondent {r.respondent} is also on line "
                          f"{first[key]} for the same session and phase")  # fmt: skip
        first.setdefault(key, r.line)
