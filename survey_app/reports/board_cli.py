"""`flask report board`: the Board report for one academic year, as a PDF or an HTML page.

Registered on the `report` group by survey_app/reports/cli.py. The year defaults to the current
academic year (ACADEMIC_YEAR_START); the council's name and logo come from COUNCIL_NAME and
COUNCIL_LOGO. Each run is logged as a download with no user (what "cli:board").
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from flask import current_app

from ..questionnaire.startup import registry_of
from ..scoring.periods import academic_year_of, parse_academic_year, parse_year_start
from .board import BoardSettings, make_board_report
from .cli import report_cli
from .data import load_responses
from .logo import LogoError, load_logo
from .packs import FORMATS
from .service import log_download


def _year(_ctx, _param, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return parse_academic_year(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def board_settings(app, year: str | None) -> BoardSettings:
    """The settings of a Board report from the app's config; LogoError for a bad COUNCIL_LOGO."""
    year_start = parse_year_start(app.config["ACADEMIC_YEAR_START"])
    return BoardSettings(
        year=year or academic_year_of(date.today(), year_start),
        year_start=year_start,
        min_base=int(app.config["MIN_BASE"]),
        council=str(app.config.get("COUNCIL_NAME") or "").strip(),
        logo=load_logo(app.config.get("COUNCIL_LOGO")),
    )


@report_cli.command("board")
@click.option("--year", callback=_year, help="Academic year as 2026/27 (default: this one).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="pdf", show_default=True,
              help="PDF, or one self-contained accessible HTML page.")  # fmt: skip
@click.option(
    "-o",
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: board-YYYY-YY.pdf or .html in EXPORT_DIR).",
)
def board(year: str | None, fmt: str, out: Path | None) -> None:
    """Write the report for the Community Safety Partnership Board: executive summary, the four
    strategy priorities, every programme, the trend, and the method and its limits."""
    try:
        settings = board_settings(current_app, year)
    except LogoError as exc:
        raise click.ClickException(str(exc)) from None
    name = f"board-{settings.year.replace('/', '-')}.{fmt}"
    path = out or Path(current_app.config["EXPORT_DIR"]) / name
    result = make_board_report(load_responses(), list(registry_of(current_app)), settings, path,
                               fmt)  # fmt: skip
    log_download("cli:board", {"year": settings.year, "format": fmt}, None)
    if result.path is None:
        raise click.ClickException(f"no Board report for {settings.year}: {result.reason}")
    pages = f"{result.pages} page{'s' if result.pages != 1 else ''}"
    click.echo(f"Wrote {result.path} (the Board report for {settings.year}, {pages})")
