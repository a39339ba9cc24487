"""`flask questionnaires check|sync|list`.

The group is also a `flask.commands` plugin (see setup.cfg), so `check` runs without building
the app: it must report a broken file that would stop the app from starting.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from .loader import load_file, questionnaire_files, with_translations
from .problems import Problem, QuestionnaireError
from .schema import Questionnaire
from .startup import registry_of
from .sync import sync
from .translation import stray_translation_files
from .translation_cli import translation_cli


@click.group("questionnaires")
def questionnaires_cli() -> None:
    """Check, load and list the questionnaire files."""


questionnaires_cli.add_command(translation_cli)


@questionnaires_cli.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def check(paths: tuple[Path, ...]) -> None:
    """Validate files (default: the configured questionnaire folder). Exit 1 on any problem."""
    files = _expand(paths or (_configured_folder(),))
    problems: list[Problem] = []
    translations = 0
    for path in files:
        try:
            checked = load_file(path, shown_as=_shown(path))
            translations += len(with_translations(checked, path.parent.parent).translations)
        except QuestionnaireError as exc:
            problems.extend(exc.problems)
    for folder in (p for p in paths or (_configured_folder(),) if p.is_dir()):
        problems += stray_translation_files(folder, _version_keys(questionnaire_files(folder)))
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        sys.exit(1)
    click.echo(f"{len(files)} questionnaire file(s) and {translations} translation(s) valid")


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
    for label in report.translations_added:
        click.echo(f"added translation {label}")
    click.echo(f"{len(report.unchanged)} version(s) unchanged")


@questionnaires_cli.command("list")
@with_appcontext
@click.option("--json", "as_json", is_flag=True, help="Versions, hashes and translations.")
def list_command(as_json: bool) -> None:
    """One line per questionnaire version: id, version, audience, phases, items, languages
    (a draft translation marked with *), title."""
    registry = registry_of(current_app)
    if as_json:
        click.echo(json.dumps([_listing(q) for q in registry], indent=2, ensure_ascii=False))
        return
    for q in registry:
        drafts = q.draft_languages()
        languages = ",".join(f"{lang}*" if lang in drafts else lang for lang in q.languages)
        click.echo(
            f"{q.id}\tv{q.version}\t{q.audience}\t{'/'.join(q.phases)}\t"
            f"{len(q.items)} items\t{languages}\t{q.title[q.languages[0]]}"
        )
    if any(q.draft_languages() for q in registry):
        click.echo("* a draft translation, not yet checked by a native speaker")


def _listing(q: Questionnaire) -> dict:
    return {
        "id": q.id,
        "version": q.version,
        "audience": q.audience,
        "phases": list(q.phases),
        "items": len(q.items),
        "content_hash": q.content_hash,
        "languages": list(q.languages),
        "translations": [
            {"language": t.language, "revision": t.revision, "status": t.status,
             "content_hash": t.content_hash, "file": t.file}
            for t in q.translations.values()
        ],
    }  # fmt: skip


def _configured_folder() -> Path:
    from config import config_from_env

    return Path(config_from_env().QUESTIONNAIRE_DIR)


def _version_keys(files: list[Path]) -> set[tuple[str, int]]:
    return {(path.parent.name, int(path.name[1:].split(".")[0])) for path in files}


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
