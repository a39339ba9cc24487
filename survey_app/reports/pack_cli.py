"""`flask report pack`: chart-pack PDFs for a school or group, a programme, a priority, or all.

Registered on the `report` group by survey_app/reports/cli.py. Writes into EXPORT_DIR unless
told otherwise; a group too small to show gets no pack, and the command says so. Each run is
logged as a download with no user (what "cli:pack").
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from ..questionnaire.schema import PRIORITIES
from ..questionnaire.startup import registry_of
from ..scoring.periods import parse_year_start
from .cli import report_cli
from .data import load_responses
from .pack_split import check_split
from .packs import FORMATS, PackResult, make_packs
from .service import log_download


@report_cli.command("pack")
@click.option("--org", "organisation", help="One school or group, by name.")
@click.option("--programme", help="One programme, by name (a pack for the Board).")
@click.option("--priority", type=click.Choice(list(PRIORITIES)), help="One strategy priority.")
@click.option("--all", "everything", is_flag=True, help="Every school or group and programme.")
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write into (default: the EXPORT_DIR setting).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="pdf",
    show_default=True,
    help="PDF, or one self-contained accessible HTML page per pack.",
)
@click.option(
    "--by",
    "split_by",
    metavar="language|answer:ITEM_ID",
    help="Also split each pack's results by the language answered in or by the answer to a "
    "single-choice item (as `report compare --by`; small groups never shown).",
)
def pack(
    organisation: str | None,
    programme: str | None,
    priority: str | None,
    everything: bool,
    out_dir: Path | None,
    fmt: str,
    split_by: str | None,
) -> None:
    """Write chart packs (PDF or HTML): cover, headline table, charts, method note."""
    chosen = [x for x in (organisation, programme, priority, everything or None) if x]
    if len(chosen) != 1:
        raise click.UsageError("give exactly one of --org, --programme, --priority or --all")
    out_dir = out_dir or Path(current_app.config["EXPORT_DIR"])
    responses = load_responses()
    if responses.empty:
        raise click.ClickException("there are no responses yet, so there is nothing to pack")
    jobs = _jobs(organisation, programme, priority)
    min_base = int(current_app.config["MIN_BASE"])
    versions = list(registry_of(current_app))
    present = {str(q) for q in responses["questionnaire_id"].unique()}
    try:
        check_split(split_by, [[v for v in versions if v.id == qid] for qid in sorted(present)])
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--by") from None
    results: list[PackResult] = []
    for kind, names in jobs:
        results += make_packs(
            responses, versions, kind=kind, names=names, out_dir=out_dir, min_base=min_base,
            year_start=parse_year_start(current_app.config["ACADEMIC_YEAR_START"]), fmt=fmt,
            split_by=split_by,
        )  # fmt: skip
    _report(results)
    filters = {
        "org": organisation,
        "programme": programme,
        "priority": priority,
        "all": "yes" if everything else None,
        "format": fmt if fmt != "pdf" else None,
        "by": split_by,
    }
    made = sum(1 for r in results if r.path is not None)
    log_download("cli:pack", {k: v for k, v in filters.items() if v} | {"packs": str(made)}, None)
    if not made:
        raise click.ClickException("no pack was written")


def _jobs(organisation, programme, priority) -> list[tuple[str, list[str] | None]]:
    if organisation:
        return [("organisation", [organisation])]
    if programme:
        return [("programme", [programme])]
    if priority:
        return [("priority", [priority])]
    return [("organisation", None), ("programme", None)]


def _report(results: list[PackResult]) -> None:
    for result in results:
        if result.path is None:
            click.echo(f"No pack for {result.kind} '{result.name}': {result.reason}.", err=True)
        else:
            click.echo(f"Wrote {result.path} ({result.pages} pages)")
