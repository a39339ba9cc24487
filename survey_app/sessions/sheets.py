"""A session's printable sheet: what to print, taken from the session, drawn by survey_app.qr."""

from __future__ import annotations

from flask import current_app

from ..models import SurveySession
from ..qr.sheet import COPIES, SheetDetails, SheetLink, render_sheet
from ..questionnaire.startup import registry_of
from .codes import display_code
from .service import go_url, public_url

__all__ = ["COPIES", "SheetDetails", "SheetLink", "make_sheet", "sheet_details", "sheet_filename"]


def make_sheet(session: SurveySession | SheetDetails, copies: int = 1) -> bytes:
    """The A4 PDF for a session (needs an app context) or for ready details (needs nothing).

    One page per phase (BEFORE, AFTER, or FEEDBACK); `copies=4` puts four cut-out copies of
    the phase on each page. ValueError for any other number of copies.
    """
    details = session if isinstance(session, SheetDetails) else sheet_details(session)
    return render_sheet(details, copies)


def sheet_details(session: SurveySession) -> SheetDetails:
    """What the sheet prints for a session: its links in phase order, school, group, date."""
    links = tuple(
        SheetLink(
            phase=link.phase, url=public_url(link), code=display_code(link.code), go_url=go_url()
        )
        for link in session.links
    )
    version = session.questionnaire_version
    questionnaire = registry_of(current_app).get(version.questionnaire_id, version.version)
    return SheetDetails(
        organisation=session.organisation.name,
        group_label=session.group_label,
        session_date=session.session_date,
        links=links,
        footer=f"Session {session.id} · {version.questionnaire_id} v{version.version}",
        languages=questionnaire.languages,
    )


def sheet_filename(session: SurveySession, copies: int) -> str:
    """A download name that says which session and layout it is, safe on any file system."""
    name = session.organisation.name.lower()
    # ASCII only: an HTTP header cannot carry "ŵ", and a school's name is only a hint here.
    school = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in name)
    school = "-".join(part for part in school.split("-") if part)[:40] or "session"
    suffix = "-4-per-page" if copies == 4 else ""
    return f"sheet-{session.id}-{school}{suffix}.pdf"
