"""`flask --app survey_app data purge [--dry-run] [--as-of DATE]`: the retention purge.

Run daily (deploy/systemd/cohesion-purge.timer, or the cron line in docs/deployment.md). It
lists what is past its retention period and, without --dry-run, deletes it and records that it
did in the audit log. See retention.py for the periods.
"""

from __future__ import annotations

import sys
from datetime import date

import click
from flask import current_app
from flask.cli import AppGroup

from ..cli_dates import iso_date as _date
from ..questionnaire.startup import registry_of
from ..sessions.schedule import now
from .retention import Periods, PurgePlan, carry_out, plan_purge

data_cli = AppGroup("data", help="Retention: delete what is past its retention period.")


@data_cli.command("purge")
@click.option("--dry-run", is_flag=True, help="List what would be deleted; delete nothing.")
@click.option("--as-of", "as_of", callback=_date, help="Purge as on this date (YYYY-MM-DD).")
def purge_command(dry_run: bool, as_of: date | None) -> None:
    """Delete responses, download records and audit entries past their retention period."""
    today = now().date()
    as_of = as_of or today
    if as_of > today and not dry_run:
        # A later date would delete what is still within its period: only a preview may look ahead.
        click.echo(f"--as-of {as_of} is after today ({today}): use it with --dry-run", err=True)
        sys.exit(2)
    periods = Periods.from_config(current_app.config)
    plan = plan_purge(registry_of(current_app), as_of, periods)
    _list(plan)
    if dry_run:
        click.echo("Dry run: nothing was deleted.")
        return
    deleted = carry_out(plan)
    click.echo(f"Deleted {deleted['responses']} response(s), {deleted['downloads']} download "
               f"record(s) and {deleted['audit_entries']} audit entry(ies); recorded in the "
               "audit log.")  # fmt: skip


def _list(plan: PurgePlan) -> None:
    click.echo(f"Purge as of {plan.as_of.isoformat()}:")
    for s in plan.sessions:
        where = f"{s.organisation}, {s.session_date.isoformat()}, {s.questionnaire}"
        click.echo(f"  session {s.session_id} ({where}, kept {s.kept_days} days): "
                   f"{s.responses} response(s)")  # fmt: skip
    click.echo(f"  download records before {plan.downloads_before.date().isoformat()}: "
               f"{plan.downloads}")  # fmt: skip
    click.echo(f"  other audit entries before {plan.audit_before.date().isoformat()}: "
               f"{plan.audit_entries}")  # fmt: skip
    click.echo(f"Past their retention period: {plan.responses} response(s) in "
               f"{len(plan.sessions)} session(s), {plan.downloads} download record(s), "
               f"{plan.audit_entries} audit entry(ies).")  # fmt: skip
