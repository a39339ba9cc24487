"""The Board report from the dashboard: /reports/download/board?year=2026/27&format=pdf|html.

Routes on the reports blueprint (web/reports.py imports this module), so they take its roles,
its Problem pages and its download log. The dashboard offers each academic year with sessions
(and the current one); a year typed into the URL is checked as the command checks it.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from flask import Response, current_app, request

from ..auth.roles import REPORT_READERS, roles_required
from ..extensions import db
from ..models import SurveySession
from ..questionnaire.startup import registry_of
from ..reports.board import make_board_report
from ..reports.board_cli import board_settings
from ..reports.data import load_responses
from ..reports.logo import LogoError
from ..reports.packs import FORMATS
from ..scoring.periods import academic_periods, academic_year_of, parse_academic_year
from .reports import DOCUMENT_TYPES, Problem, _download, _year_start, bp

LOGO_PROBLEM = (
    "The COUNCIL_LOGO setting names a file that is missing or not a PNG or JPEG image. Ask an "
    "administrator to correct it, or to unset it."
)


def year_choices() -> tuple[list[str], str]:
    """The academic years with sessions and the current one, newest first; and the current."""
    current = academic_year_of(date.today(), _year_start())
    dates = pd.Series(db.session.scalars(sa.select(SurveySession.session_date).distinct()).all())
    _codes, labels = academic_periods(dates, _year_start(), "year") if len(dates) else (0, [])
    return sorted({current, *labels}, reverse=True), current


@bp.route("/download/board")
@roles_required(*REPORT_READERS)
def download_board():
    fmt = request.args.get("format", "pdf")
    if fmt not in FORMATS:
        raise Problem(400, "Choose PDF or HTML", "The Board report comes as a PDF or a web page.")
    try:
        year = parse_academic_year(request.args.get("year", ""))
    except ValueError as exc:
        raise Problem(400, "Check the academic year", f"{exc}.") from None
    try:
        settings = board_settings(current_app, year)
    except LogoError as exc:
        current_app.logger.warning("Board report refused: %s", exc)  # the path, for the admin
        raise Problem(409, "The council's logo cannot be used", LOGO_PROBLEM) from None
    name = f"board-{year.replace('/', '-')}.{fmt}"
    with tempfile.TemporaryDirectory() as folder:
        result = make_board_report(load_responses(), list(registry_of(current_app)), settings,
                                   Path(folder) / name, fmt)  # fmt: skip
        if result.path is None:
            raise Problem(404, "There is no Board report to make", f"{year}: {result.reason}.")
        body = result.path.read_bytes()
    response = Response(body, mimetype=DOCUMENT_TYPES[fmt])
    return _download(response, f"board:{fmt}", name, {"year": year})
