"""`flask questionnaires check|sync|list`.

The group is also a `flask.commands` plugin (see setup.cfg), so `check` runs without building
the app: it must report a broken file that would stop the app from starting.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from .loader import load_file, questionnaire_files
from .problems import Problem, QuestionnaireError
from .startup import registry_of
from .sync import sync


@click.group("questionnaires")
def questionnaires_cli() -> None:
    """Check, load and list the questionnaire files."""


@questionnaires_cli.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def check(paths: tuple[Path, ...]) -> None:
    """Validate files (default: the configured questionnaire folder). Exit 1 on any problem."""
    files = _expand(paths or (_configured_folder(),))
    problems: list[Problem] = []
    for path in files:
        try:
            load_file(path, shown_as=_shown(path))
        except QuestionnaireError as exc:
            problems.extend(exc.problems)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        sys.exit(1)
    click.echo(f"{len(files)} questionnaire file(s) valid")


@questionnaires_cli.command("sync")
@with_appcontext
def sync_command() -> None:
    """Record every version in the database; refuse a changed frozen version, changing nothing."""
    folder = Path(current_app.config["QUESTIONNAIRE_DIR"]).name
    try:
        report = sync(registry_of(current_app), folder)
    except ValueError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    for label in report.added:
        click.echo(f"added {label}")
    for label in report.updated:
        click.echo(f"updated {label} (no session uses it yet)")
    click.echo(f"{len(report.unchanged)} version(s) unchanged")


@questionnaires_cli.command("list")
@with_appcontext
def list_command() -> None:
    """One line per questionnaire version: id, version, audience, phases, items, title."""
    for q in registry_of(current_app):
        title = q.title[q.languages[0]]
        click.echo(
            f"{q.id}\tv{q.version}\t{q.audience}\t{'/'.join(q.phases)}\t"
            f"{len(q.items)} items\t{title}"
        )


def _configured_folder() -> Path:
    from config import config_from_env

    return Path(config_from_env().QUESTIONNAIRE_DIR)


def _expand(paths: tuple[Path, ...]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        files.extend(questionnaire_files(path) if path.is_dir() else [path])
    return files


def _shown(path: Path) -> str:
    """Paths relative to the working directory read better in an error line."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
