"""The responses as an SPSS `.sav` file (pyreadstat), for officers and analysts who use SPSS,
R (haven::read_sav) or pandas (pyreadstat.read_sav).

One case per response, as the wide CSV, with what SPSS users expect to find in the file itself:
- each variable labelled with its question's wording, each coded answer with its words;
- "don't know" and "prefer not to say" kept as their codes and declared user-missing, so SPSS
  and haven leave them out of a mean while the code stays visible (pandas reads them as NaN
  unless asked with `user_missing=True`);
- a multiple-choice question as one 0/1 variable per option (`issues_seen_3`), SPSS's
  "multiple dichotomy" form, since one variable cannot hold "1;3" as numbers;
- measurement levels: ordinal for scales, nominal for single choices, scale for numbers.

Disclosure control is the other exports' (`exports.disclosable`); free text only when allowed.
An empty file says why in its document note and file label (a .sav has no "first line").
pyreadstat is imported when a file is made, not at every start of the app.
"""

from __future__ import annotations

import tempfile
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ..itemtypes import item_type
from ..questionnaire.schema import Item, Questionnaire
from . import exports, selection
from .free_text import FreeText

META_LABELS = {
    "response_id": "Response id (random; not the order of answering)",
    "questionnaire_id": "Questionnaire",
    "questionnaire_version": "Questionnaire version",
    "organisation": "School or group",
    "programme": "Programme",
    "session_id": "Session number",
    "session_date": "Session date",
    "completed_on": "Date the pupil pressed Send (kept on the device if offline)",
    "received_on": "Date the answers arrived",
    "phase": "Phase (pre = before, post = after, single = one-off)",
    "language": "Language answered in",
    "wording_revision": "Wording revision of the translation",
    "pair": "Pair number shared by a matched before and after",
}
DATE_META = ("session_date", "completed_on", "received_on")
NUMERIC_META = ("questionnaire_version", "session_id", "wording_revision", "pair")
CHOSEN = {0.0: "not chosen", 1.0: "chosen"}
FILE_LABEL_LIMIT = 64  # bytes, SPSS's own limit
NOTE_WIDTH = 80  # SPSS document lines are 80 bytes


def responses_sav(
    responses: pd.DataFrame,
    versions: Sequence[Questionnaire],
    *,
    free_text: bool | FreeText,
    min_base: int,
    notes: Sequence[str] = (),
) -> bytes:
    """The .sav file's bytes: labelled variables, coded answers, missing codes declared."""
    import pyreadstat

    rows = exports.disclosable(exports.with_pairs(responses), min_base)
    shaped = exports.by_response(rows, versions, free_text)
    data, meta = _variables(shaped, _newest_items(versions, free_text))
    why_empty = exports.empty_reason(responses, shaped, min_base)
    label = (why_empty or "Cohesion survey responses")[:FILE_LABEL_LIMIT]
    said = [*([why_empty] if why_empty else []), *notes]
    withheld = exports.withheld_count(rows, versions, free_text)
    said += exports.export_notes(
        min_base, free_text, spreadsheet=False, responses=responses, withheld=withheld
    )
    note = [line for text in said for line in textwrap.wrap(text, NOTE_WIDTH)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "responses.sav"
        pyreadstat.write_sav(data, path, file_label=label, note=note, **meta)
        return path.read_bytes()


def _variables(shaped: pd.DataFrame, items: dict[str, tuple[Questionnaire, Item]]):
    """(data frame, write_sav's keyword arguments) for the metadata columns and each item."""
    data: dict[str, Any] = {}
    meta: dict[str, dict] = {k: {} for k in ("column_labels", "variable_value_labels",
                                              "missing_ranges", "variable_measure")}  # fmt: skip
    for name, label in META_LABELS.items():
        column = shaped[name]
        data[name] = pd.to_numeric(column, errors="coerce") if name in NUMERIC_META else (
            _dates(column) if name in DATE_META else _text(column)
        )  # fmt: skip
        meta["column_labels"][name] = label
        meta["variable_measure"][name] = "scale" if name in NUMERIC_META else "nominal"
    for item_id, (q, item) in items.items():
        _add_item(data, meta, shaped[item_id], q, item)
    return pd.DataFrame(data, index=shaped.index).reset_index(drop=True), meta


def _add_item(data: dict, meta: dict, column: pd.Series, q: Questionnaire, item: Item) -> None:
    lang = selection.language_of(q)
    wording = item.text.get(lang, item.id)
    rs = q.response_set_of(item)
    kind = item_type(item.type)
    if kind.free_text:
        data[item.id] = _text(column)
        meta["column_labels"][item.id] = wording
        return
    if item.type == "multiple_choice" and rs is not None:
        chosen = column.map(_chosen_values)
        for option in rs.options:
            name = f"{item.id}_{option.value}"
            data[name] = [None if c is None else float(option.value in c) for c in chosen]
            meta["column_labels"][name] = f"{wording}: {option.label.get(lang, '')}"
            meta["variable_value_labels"][name] = CHOSEN
            meta["variable_measure"][name] = "nominal"
        return
    data[item.id] = pd.to_numeric(column, errors="coerce").astype(float)
    meta["column_labels"][item.id] = wording
    meta["variable_measure"][item.id] = (
        "ordinal" if kind.scored else "scale" if rs is None else "nominal"
    )
    if rs is not None:
        meta["variable_value_labels"][item.id] = {
            float(o.value): o.label.get(lang, "") for o in rs.options
        }
        if rs.missing_values:
            meta["missing_ranges"][item.id] = [float(v) for v in sorted(rs.missing_values)]


def _newest_items(
    versions: Sequence[Questionnaire], free_text: bool | FreeText
) -> dict[str, tuple[Questionnaire, Item]]:
    """Each exported item id with the newest version that asks it (its wording and labels)."""
    out: dict[str, tuple[Questionnaire, Item]] = {}
    wanted = exports.item_columns(versions, free_text)
    for q in sorted(versions, key=lambda q: (q.id, -q.version)):
        for item in q.items:
            if item.id in wanted:
                out.setdefault(item.id, (q, item))
    return {item_id: out[item_id] for item_id in wanted}


def _chosen_values(value: Any) -> set[int] | None:
    """A multiple-choice cell ("1;3", or a list) as the set of values chosen; None unanswered."""
    if _missing(value) or value == "":
        return None
    parts = value if isinstance(value, (list, tuple)) else str(value).split(";")
    return {int(p) for p in parts if str(p).strip()}


def _text(column: pd.Series) -> pd.Series:
    return column.map(lambda v: "" if _missing(v) else str(v))


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value))


def _dates(column: pd.Series) -> pd.Series:
    return pd.to_datetime(column, errors="coerce").dt.date
