"""`flask sessions create|show|open|close|sheet|paper`: a session from the command line.

Every failure a person can cause (an unknown session or questionnaire, a bad date, a phase the
session does not have) is one line on stderr and exit code 1, never a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import AppGroup

from ..extensions import db
from ..models import SurveySession, User
from ..questionnaire.startup import registry_of
from ..responses.paper_form import paper_pdf
from .codes import display_code
from .counts import session_counts
from .schedule import ScheduleError, local_text, parse_when
from .service import (
    SessionError,
    create_session,
    get_session,
    public_url,
    set_phases_state,
    state_of,
)
from .sheets import make_sheet

sessions_cli = AppGroup("sessions", help="Create, show, close sessions and print their sheets.")
PHASE = click.Choice(["pre", "post", "single"])


@sessions_cli.command("create")
@click.option("--org", "organisation", required=True, help="School or group; added if new.")
@click.option("--questionnaire", "questionnaire_id", required=True, help="Questionnaire id.")
@click.option("--date", "date_text", required=True, metavar="YYYY-MM-DD")
@click.option("--programme", help="Programme, e.g. 'Cohesion sessions'; added if new.")
@click.option("--group", "group_label", default="", help="Group label, e.g. 'Year 5'.")
@click.option("--shared-devices", is_flag=True, help="Pupils share devices: ask for a code.")
@click.option("--facilitator", "facilitator_email", help="Email of the facilitator it belongs to.")
@click.option("--open", "open_now", is_flag=True, help="Open every phase now.")
@click.option("--pre-opens", metavar="T", help="When BEFORE opens (ISO date-time).")
@click.option("--pre-closes", metavar="T", help="When BEFORE closes.")
@click.option("--post-opens", metavar="T", help="When AFTER opens (BEFORE closes then).")
@click.option("--post-closes", metavar="T", help="When AFTER closes.")
@click.option("--keep-pre-open", is_flag=True, help="Opening AFTER does not close BEFORE.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def create(
    organisation: str,
    questionnaire_id: str,
    date_text: str,
    programme: str | None,
    group_label: str,
    shared_devices: bool,
    facilitator_email: str | None,
    open_now: bool,
    keep_pre_open: bool,
    as_json: bool,
    **times: str | None,
) -> None:
    """Create a session pinned to the questionnaire's latest version.

    Its phases start not open: open them later (`sessions open`), now (--open), or at a time
    (--pre-opens and friends; without an offset a time is in the TIMEZONE setting).
    """
    with _user_errors():
        session = create_session(
            registry_of(current_app),
            organisation=organisation,
            questionnaire_id=questionnaire_id,
            session_date=_parse_date(date_text),
            programme=programme,
            group_label=group_label,
            shared_devices=shared_devices,
            facilitator=_facilitator(facilitator_email),
            open_now=open_now,
            schedule=_schedule(times),
            keep_pre_open=keep_pre_open,
        )
    _print(session_summary(session), as_json)


@sessions_cli.command("show")
@click.argument("session_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def show(session_id: int, as_json: bool) -> None:
    """Links, phase states, response counts and matched pairs of a session."""
    with _user_errors():
        session = get_session(session_id)
    _print(session_summary(session, with_counts=True), as_json)


@sessions_cli.command("open")
@click.argument("session_id", type=int)
@click.option("--phase", type=PHASE, help="Only this phase (default: every phase).")
@click.option("--keep-pre-open", is_flag=True, help="Opening AFTER does not close BEFORE.")
def open_command(session_id: int, phase: str | None, keep_pre_open: bool) -> None:
    """Open a session's phases, so their links show the form (AFTER closes BEFORE)."""
    _change_state(session_id, phase, "open", keep_pre_open)


@sessions_cli.command("close")
@click.argument("session_id", type=int)
@click.option("--phase", type=PHASE, help="Only this phase (default: every phase).")
def close_command(session_id: int, phase: str | None) -> None:
    """Close a session's phases, so their links show a friendly 'closed' page."""
    _change_state(session_id, phase, "closed")


@sessions_cli.command("sheet")
@click.argument("session_id", type=int)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--copies", type=click.Choice(["1", "4"]), default="1", help="Copies per page.")
def sheet(session_id: int, output: Path, copies: str) -> None:
    """Write the printable A4 sheet (PDF): one page per phase, 1 or 4 copies on each."""
    with _user_errors():
        pdf = make_sheet(get_session(session_id), copies=int(copies))
        _write(output, pdf)
    click.echo(f"wrote {output} ({len(pdf) // 1024 + 1} kB)")


@sessions_cli.command("paper")
@click.argument("session_id", type=int)
@click.option("--phase", type=PHASE, required=True, help="The phase the form is for.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
def paper(session_id: int, phase: str, output: Path) -> None:
    """Write one respondent's paper form of a phase (PDF), for when the tablets fail: print a
    copy per pupil, then type the answers into the import template."""
    with _user_errors():
        pdf = paper_pdf(get_session(session_id), registry_of(current_app), phase)
        _write(output, pdf)
    click.echo(f"wrote {output} ({len(pdf) // 1024 + 1} kB)")


def _write(output: Path, pdf: bytes) -> None:
    try:
        output.write_bytes(pdf)
    except OSError as exc:
        raise SessionError(f"cannot write {output}: {exc.strerror}") from None


def session_summary(session: SurveySession, with_counts: bool = False) -> dict:
    """The JSON shape `create` and `show` print (`show` adds the counts)."""
    links = {link.phase: link for link in session.links}
    summary = {
        "id": session.id,
        "organisation": session.organisation.name,
        "programme": session.programme.name if session.programme else None,
        "group": session.group_label,
        "date": session.session_date.isoformat(),
        "questionnaire": session.questionnaire_version.questionnaire_id,
        "version": session.questionnaire_version.version,
        "shared_devices": session.shared_devices,
        # The first link: PRE, or a single-phase form's only link (as `code` is its code).
        "pre_url": public_url(session.links[0]),
        "post_url": public_url(links["post"]) if "post" in links else None,
        "single_url": public_url(links["single"]) if "single" in links else None,
        "code": session.links[0].code,
        "codes": {phase: link.code for phase, link in links.items()},
        "urls": {phase: public_url(link) for phase, link in links.items()},
        "phases": {phase: state_of(link) for phase, link in links.items()},
        "schedule": {phase: _schedule_of(link) for phase, link in links.items()},
    }
    if with_counts:
        counts = session_counts([session.id])[session.id]
        summary |= {
            "pre": counts.pre,
            "post": counts.post,
            "single": counts.single,
            "matched": counts.matched,
        }
    return summary


def _print(summary: dict, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(summary))
        return
    click.echo(f"session {summary['id']}: {summary['organisation']} {summary['group']}".rstrip())
    click.echo(f"  {summary['questionnaire']} v{summary['version']}, {summary['date']}")
    for phase, url in summary["urls"].items():
        code = display_code(summary["codes"][phase])
        click.echo(f"  {phase:6} {summary['phases'][phase]:7} {url}  code {code}")
        times = summary["schedule"][phase]
        if times["opens_at"] or times["closes_at"]:
            click.echo(
                f"         opens {times['opens_at'] or '-'}, closes {times['closes_at'] or '-'}"
            )
    if "matched" in summary:
        counts = ", ".join(f"{p} {summary[p]}" for p in summary["phases"])
        click.echo(f"  responses: {counts}; matched pairs: {summary['matched']}")


def _schedule_of(link) -> dict:
    """A phase's state now and its times, in the TIMEZONE setting with their offset."""
    timezone = current_app.config["TIMEZONE"]
    return {
        "state": state_of(link),
        "opens_at": local_text(link.opens_at, timezone),
        "closes_at": local_text(link.closes_at, timezone),
    }


def _schedule(times: dict[str, str | None]) -> dict:
    """--pre-opens and friends as {phase: (opens_at, closes_at)} in naive UTC."""
    timezone = current_app.config["TIMEZONE"]
    try:
        when = {name: parse_when(text, timezone) if text else None for name, text in times.items()}
    except ScheduleError as exc:
        raise SessionError(str(exc)) from None
    return {
        phase: (when[f"{phase}_opens"], when[f"{phase}_closes"])
        for phase in ("pre", "post")
        if when[f"{phase}_opens"] or when[f"{phase}_closes"]
    }


def _change_state(session_id: int, phase: str | None, state: str, keep: bool = False) -> None:
    with _user_errors():
        links = set_phases_state(get_session(session_id), state, phase, keep)
    for link in links:
        click.echo(f"session {session_id}: {link.phase} {state_of(link)}")


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise SessionError(f"'{text}' is not a date: use YYYY-MM-DD, e.g. 2026-03-14") from None


def _facilitator(email: str | None) -> User | None:
    if not email:
        return None
    user = db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == email.lower()))
    if user is None:
        raise SessionError(f"no staff account with email {email}")
    return user


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn a SessionError into click's one-line 'Error: ...' and exit code 1."""
    try:
        yield
    except SessionError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from None
