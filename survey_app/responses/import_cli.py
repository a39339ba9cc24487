"""`flask responses import FILE.csv` and `flask responses template SESSION -o FILE.csv`.

Registered on the `responses` group by survey_app/responses/cli.py. See import_csv.py for the
file format; a file with any problem is refused whole, with `line:column: message` lines.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click
from flask import current_app

from ..questionnaire.startup import registry_of
from .cli import responses_cli
from .import_csv import ImportRejected, find_session, import_file, template_csv


@responses_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(path: Path) -> None:
    """Import paper responses from a CSV file: all of it, or nothing if any cell is wrong."""
    try:
        with path.open("rb") as stream:  # read a line at a time, within IMPORT_MAX_BYTES
            rows = import_file(stream, registry_of(current_app))
    except ImportRejected as exc:
        for problem in exc.problems:
            click.echo(f"{path.name}:{problem}", err=True)
        click.echo(f"Nothing imported: {len(exc.problems)} problem(s) to fix.", err=True)
        sys.exit(1)
    counts = Counter((row.session.id, row.phase) for row in rows)
    click.echo(f"Imported {len(rows)} paper response(s):")
    for (session_id, phase), count in sorted(counts.items()):
        click.echo(f"  session {session_id} {phase}: {count}")


@responses_cli.command("template")
@click.argument("session")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
def template_command(session: str, output: Path | None) -> None:
    """Write the empty CSV for a session's paper responses (SESSION: number or short code)."""
    found = find_session(session)
    if found is None:
        click.echo(f"there is no session '{session}'", err=True)
        sys.exit(1)
    try:
        text = template_csv(found, registry_of(current_app))
    except KeyError:
        click.echo(f"session {found.id} uses a questionnaire that is not loaded", err=True)
        sys.exit(1)
    if output is None:
        click.echo(text.removeprefix("\ufeff"), nl=False)
        return
    output.write_text(text, encoding="utf-8", newline="")
    click.echo(f"Template for session {found.id} written to {output}", err=True)
