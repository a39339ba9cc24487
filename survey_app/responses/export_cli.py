"""`flask responses export`: responses as CSV, a zip of CSVs or XLSX for an officer's Excel.

Registered on the `responses` group by survey_app/responses/cli.py. The file carries free-text
answers, masked as on the web (what looks like a phone number, email address, postcode or
username is replaced by its kind, ADR 0034); only officers and admins may download the same file
from the web. `--unmasked --admin EMAIL` writes them as the pupils typed them: an admin names
themself, and the audit entry carries their account. Groups below MIN_BASE are left out (see
survey_app/reports/exports.py). Each run is logged as a download (with no user unless unmasked).
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from ..auth.accounts import AccountError, find_user
from ..auth.roles import ADMIN
from ..models import User
from ..questionnaire.startup import registry_of
from ..reports import export_bundle, exports, spss
from ..reports.filtering import ReportFilters, load_selected, organisation_names
from ..reports.free_text import for_officers
from ..reports.service import log_download
from ..scoring.compare import compare_all
from .cli import responses_cli


@responses_cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "zip", "sav"]), required=True)
@click.option("--questionnaire", "questionnaire_id", help="Only this questionnaire id.")
@click.option("--org", "organisation", help="Only this school or group, by name.")
@click.option(
    "--layout",
    type=click.Choice(["wide", "long"]),
    default="wide",
    show_default=True,
    help="CSV only: one row per response (wide) or per answer (long).",
)
@click.option(
    "--unmasked",
    is_flag=True,
    help="Free text as typed: phone numbers, emails, postcodes not masked. Needs --admin.",
)
@click.option("--admin", "admin_email", help="With --unmasked: your admin account's email.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def export(
    fmt: str,
    questionnaire_id: str | None,
    organisation: str | None,
    layout: str,
    unmasked: bool,
    admin_email: str | None,
    output: Path,
) -> None:
    """Write responses (and, in XLSX or zip, a codebook and the comparison) to FILE."""
    admin = _unmasking_admin(admin_email) if unmasked else None
    registry = registry_of(current_app)
    if questionnaire_id and questionnaire_id not in registry.ids():
        known = ", ".join(registry.ids())
        raise click.BadParameter(
            f"unknown questionnaire '{questionnaire_id}' (known: {known})",
            param_hint="--questionnaire",
        )
    if organisation and organisation not in organisation_names():
        raise click.BadParameter(f"no school or group called '{organisation}'", param_hint="--org")
    filters = ReportFilters(questionnaire=questionnaire_id, organisation=organisation)
    responses = load_selected(filters)
    versions = [q for q in registry if not questionnaire_id or q.id == questionnaire_id]
    min_base = int(current_app.config["MIN_BASE"])
    # Withheld under an open concern even unmasked: the lead reads a possible disclosure first.
    free_text = for_officers(responses, unmasked=unmasked)
    if fmt == "csv":
        body = exports.responses_csv(
            responses, versions, layout=layout, free_text=free_text, min_base=min_base
        )
    elif fmt == "sav":
        body = spss.responses_sav(responses, versions, free_text=free_text, min_base=min_base)
    else:
        comparison = compare_all(responses, versions, by="organisation", min_base=min_base)
        notes = [f"Filters: {', '.join(f'{k} = {v}' for k, v in filters.as_log().items())}"]
        build = export_bundle.responses_zip if fmt == "zip" else exports.responses_xlsx
        body = build(
            responses, versions, comparison, free_text=free_text, min_base=min_base, notes=notes
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(body)
    what = f"cli:export:{fmt}" + (":unmasked" if unmasked else "")
    log_download(what, filters.as_log() | {"layout": layout}, admin.id if admin else None)
    click.echo(f"Wrote {output}" + (" (free text unmasked: keep it safe)" if unmasked else ""))


def _unmasking_admin(email: str | None) -> User:
    """The active admin account taking responsibility for an unmasked export."""
    if not email:
        raise click.UsageError("--unmasked needs --admin EMAIL, your admin account")
    try:
        user = find_user(email)
    except AccountError as error:
        raise click.BadParameter(str(error), param_hint="--admin") from None
    if user.role != ADMIN or not user.active:
        raise click.BadParameter(f"{user.email} is not an active admin", param_hint="--admin")
    return user
