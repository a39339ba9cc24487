"""`flask questionnaires translation export|import`: a translator's spreadsheet round trip."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import NoReturn

import click
from flask import current_app
from flask.cli import with_appcontext

from .loader import load_file
from .problems import QuestionnaireError
from .schema import Questionnaire, Translated
from .startup import registry_of
from .translation import TranslationFile, load_translation, translation_files
from .translation_sheet import read_sheet, translation_yaml, write_sheet
from .translation_sync import revision_in_use
from .yaml_source import read_source


@click.group("translation")
def translation_cli() -> None:
    """Give a version's words to a translator as .xlsx, and take the filled sheet back."""


@translation_cli.command("export")
@click.argument("questionnaire_id")
@click.option("--version", "version", type=int, required=True)
@click.option("--lang", "language", required=True, help="A BCP 47 tag: pl, ro, ur, pa-Arab...")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@with_appcontext
def export_command(questionnaire_id: str, version: int, language: str, output: Path) -> None:
    """Write a sheet with the English beside the current (or an empty) translation."""
    try:
        base = registry_of(current_app).get(questionnaire_id, version)
    except KeyError:
        _fail(f"there is no questionnaire {questionnaire_id} v{version}")
    current = base.translations.get(language)
    words = _current_words(base, language) if current else None
    about = {
        "questionnaire": base.id,
        "version": base.version,
        "language": language,
        "revision": current.revision if current else 1,
        "status": current.status if current else "draft",
    }
    write_sheet(_untranslated(base), about, words, output)
    click.echo(f"wrote {output} ({'revision ' + str(about['revision']) if current else 'new'})")


@translation_cli.command("import")
@click.argument("sheet", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def import_command(sheet: Path) -> None:
    """Check a filled sheet and write questionnaires/<id>/v<N>.<lang>.yaml, all or nothing."""
    registry = registry_of(current_app)
    try:
        data = read_sheet(sheet, lambda qid, v: _untranslated(registry.get(qid, v)))
    except QuestionnaireError as exc:
        _fail(str(exc))
    base = _untranslated(registry.get(data["questionnaire"], data["version"]))
    target = Path(current_app.config["QUESTIONNAIRE_DIR"]) / base.id
    target = target / f"v{base.version}.{data['language']}.yaml"
    if target.exists() and target.read_text(encoding="utf-8") == translation_yaml(data):
        click.echo(f"{target} is unchanged (revision {data['revision']})")
        return
    checked = _checked(data, base, sheet.name)
    loaded = registry.get(base.id, base.version).translations.get(checked.language)
    if loaded is not None and _answered_wording_changed(loaded, checked, base):
        data["revision"] = loaded.revision + 1  # answered wording stays as it was
        checked = _checked(data, base, sheet.name)
    _write_atomically(target, translation_yaml(data))
    click.echo(f"wrote {target} (revision {data['revision']}, {data['status']})")


def _answered_wording_changed(loaded: Translated, new: Translated, base: Questionnaire) -> bool:
    if loaded.revision != new.revision or loaded.content_hash == new.content_hash:
        return False
    return revision_in_use(base.id, base.version, loaded.language, loaded.revision)


def _checked(data: dict, base: Questionnaire, shown_as: str) -> Translated:
    """The translation's meaning checked exactly as the app will load it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"v{base.version}.{data['language']}.yaml"
        path.write_text(translation_yaml(data), encoding="utf-8")
        try:
            info, _ = load_translation(path, base, shown_as=shown_as)
        except QuestionnaireError as exc:
            _fail(str(exc))
    return info


def _untranslated(q: Questionnaire) -> Questionnaire:
    """The version as its own file has it: translation files are what is being made."""
    folder = Path(current_app.config["QUESTIONNAIRE_DIR"])
    return load_file(folder / q.id / f"v{q.version}.yaml")


def _current_words(base: Questionnaire, language: str) -> TranslationFile | None:
    folder = Path(current_app.config["QUESTIONNAIRE_DIR"])
    for path in translation_files(folder, base.id, base.version):
        if path.name.split(".")[1] == language:
            return TranslationFile.model_validate(read_source(path).data)
    return None


def _write_atomically(target: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, target)


def _fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(1)
