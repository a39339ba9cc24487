"""`flask safeguarding check`: the term lists, checked without building the app.

Like `questionnaires check`, the group is a `flask.commands` plugin (see setup.cfg) so that it
still reports a broken list, which would stop the app from starting.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from .terms import TermListError, load_folder


@click.group("safeguarding")
def safeguarding_cli() -> None:
    """Term lists, concerns raised from free-text answers, and the leads' digest."""


@safeguarding_cli.command("check")
@click.argument("folder", required=False, type=click.Path(exists=True, path_type=Path))
def check(folder: Path | None) -> None:
    """Validate the term lists (default: the configured folder). Exit 1 on any problem."""
    try:
        lists = load_folder(folder or _configured_folder())
    except TermListError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        sys.exit(1)
    for language, found in sorted(lists.items()):
        click.echo(f"{language}: {len(found.terms)} terms ({found.status})")


def _configured_folder() -> Path:
    from config import config_from_env

    return Path(config_from_env().SAFEGUARDING_TERMS_DIR)


@safeguarding_cli.command("scan")
@click.option("--again", is_flag=True, help="Check every response, scanned or not (after the "
              "term lists gained terms).")  # fmt: skip
@with_appcontext
def scan(again: bool) -> None:
    """Check stored free text not yet scanned and raise what the pupils' requests missed.
    Run daily, beside the digest (docs/deployment.md)."""
    from ..questionnaire.startup import registry_of
    from .scan import scan_unscanned
    from .startup import matcher_of

    result = scan_unscanned(registry_of(current_app), matcher_of(current_app), again=again)
    click.echo(f"scanned {result.responses} responses: {result.concerns} new concerns")


@safeguarding_cli.command("pending")
@click.option("--json", "as_json", is_flag=True, help="One JSON list, for scripts.")
@with_appcontext
def pending_command(as_json: bool) -> None:
    """List open concerns: organisation, session, date, question, categories, status (never
    the answer's text)."""
    import json
    from dataclasses import asdict

    from .digest import pending

    found = pending()
    if as_json:
        click.echo(json.dumps([asdict(p) for p in found], ensure_ascii=False, indent=2))
        return
    for p in found:
        click.echo(f"{p.id}\t{p.date}\t{p.organisation}\tsession {p.session}\t{p.question}"
                   f"\t{', '.join(p.categories)}\t{p.status}")  # fmt: skip
    click.echo(f"{len(found)} open")


@safeguarding_cli.command("digest")
@with_appcontext
def digest() -> None:
    """Email each lead with open concerns their count and a link (never the text). Without
    MAIL_SERVER, says so and sends nothing. Run daily (docs/deployment.md)."""
    from .digest import send_digest

    sent = send_digest()
    if sent is None:
        click.echo("MAIL_SERVER is not set: no email sent")
        return
    click.echo(f"sent {sent} emails")
