"""`flask audit list [--since DATE] [--action NAME] [--json]`: read the audit log."""

from __future__ import annotations

import json
from datetime import date

import click
from flask.cli import AppGroup

from ..cli_dates import iso_date as _date
from .query import as_dict, entries

audit_cli = AppGroup("audit", help="Read the audit log.")


@audit_cli.command("list")
@click.option("--since", callback=_date, help="Only entries on or after this date (YYYY-MM-DD).")
@click.option("--action", default="", help="An action or its group, e.g. download or user.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def list_command(since: date | None, action: str, as_json: bool) -> None:
    """Audit entries, newest first: when, who, what."""
    for entry in entries(since=since, action=action):
        row = as_dict(entry)
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False, sort_keys=True))
            continue
        details = " ".join(
            f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in row["details"].items()
        )
        line = f"{row['at']}  {row['actor']:30}  {row['action']:16}  {row['target']}  {details}"
        click.echo(line.rstrip())
