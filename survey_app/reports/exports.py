"""Data files for officers: CSV (UTF-8 with a byte-order mark) and XLSX, safe to open in Excel.

What goes in:
- responses, in wide form (one row per response, one column per question) or long form (one
  row per answer), with the session's organisation, programme and date, and a pair number linking
  a PRE to its matched POST. In the wide form a "don't know" or "prefer not to say" answer is a
  blank in its question's column (so a spreadsheet's AVERAGE is right) and is named, code and
  words, in the `missing_answers` column; the long form keeps the code with its words.
  No matching codes, device keys or submission times: they could help pick a child out, and
  officers do not need them;
- a codebook (each question's wording, values, scale and versions) and the comparison.

Disclosure control for row-level data: the answers of a session are exported for a phase only
when at least MIN_BASE people answered in that phase of that session (`disclosable`); a
smaller part is left out altogether, and the file's notes say how many were (ADR 0029). The
comparison sheet carries only shown rows: suppressed rows are left out, not blanked.

Formula injection is handled where files are written (excel_safe.py): every text cell starting
with = + - @ TAB CR LF or NUL gets a leading apostrophe, and XLSX text cells are strings.
Free-text answers are included only when the caller says so (officer and admin downloads),
and then pass through `FreeText.apply` (free_text.py) in `by_response`, which every file's rows
go through: what looks like personal data is masked, answers under an open safeguarding concern
are withheld.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from ..itemtypes import REGISTRY as ITEM_TYPES
from ..itemtypes import item_type
from ..questionnaire.schema import Questionnaire
from ..scoring.matching import match_pairs
from . import selection
from .comparison_sheet import NUMBER_FORMATS, comparison_sheet
from .excel_safe import fits_excel, to_csv, to_xlsx
from .free_text import WITHHELD, FreeText

META = ("response_id", "questionnaire_id", "questionnaire_version", "organisation", "programme",
        "session_id", "session_date", "completed_on", "received_on", "phase", "language",
        "wording_revision", "pair")  # fmt: skip
MISSING_COLUMN = "missing_answers"
PHASE_ORDER = {"pre": 0, "post": 1, "single": 2}
FREE_TEXT_TYPES = frozenset(name for name, t in ITEM_TYPES.items() if t.free_text)


GATE = ["session_id", "phase"]  # a session has one questionnaire, so this is per questionnaire


def disclosable(responses: pd.DataFrame, min_base: int) -> pd.DataFrame:
    """Only responses of (session, phase) parts of at least `min_base` responses."""
    if responses.empty:
        return responses
    sizes = responses.groupby(GATE, dropna=False)["response_id"].transform("size")
    return responses.loc[sizes >= min_base]


def left_out(responses: pd.DataFrame, min_base: int) -> str | None:
    """A note of what `disclosable` leaves out, in counts (None when nothing is)."""
    if responses.empty:
        return None
    sizes = responses.groupby(GATE, dropna=False)["response_id"].size()
    small = sizes[sizes < min_base]
    if small.empty:
        return None
    parts = "phase" if len(small) == 1 else "phases"
    return (
        f"Left out: {len(small)} session {parts} with fewer than {min_base} responses "
        f"({int(small.sum())} responses in all), so that nobody in a small group can be picked out."
    )


def with_pairs(responses: pd.DataFrame) -> pd.DataFrame:
    """Adds a `pair` number shared by a PRE and its matched POST (blank when unmatched)."""
    frame = responses.copy()
    frame["pair"] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    if frame.empty:
        return frame
    pairs = match_pairs(frame)
    number = {}
    for i, (pre_id, post_id) in enumerate(zip(pairs["pre_id"], pairs["post_id"], strict=True)):
        number[pre_id] = number[post_id] = i + 1
    frame["pair"] = frame["response_id"].map(number).astype(object)
    return frame


def item_columns(versions: Iterable[Questionnaire], free_text: bool | FreeText) -> list[str]:
    """Item ids in questionnaire order (newest version first), free text only when allowed."""
    free_text = FreeText.of(free_text).included
    seen: dict[str, None] = {}
    for q in sorted(versions, key=lambda q: (q.id, -q.version)):
        for item in q.items:
            if free_text or item.type not in FREE_TEXT_TYPES:
                seen.setdefault(item.id, None)
    return list(seen)


def text_items(versions: Iterable[Questionnaire]) -> frozenset[str]:
    """The ids of the questions people answer in their own words."""
    return frozenset(i.id for q in versions for i in q.items if i.type in FREE_TEXT_TYPES)


def wide(
    responses: pd.DataFrame, versions: Sequence[Questionnaire], free_text: bool | FreeText
) -> pd.DataFrame:
    """One row per response: the descriptive columns, one column per question, and
    `missing_answers`; a "don't know" code is a blank in its question's column (see above)."""
    frame = by_response(responses, versions, free_text)
    frame[MISSING_COLUMN] = _blank_missing_codes(frame, versions)
    return frame


def by_response(
    responses: pd.DataFrame, versions: Sequence[Questionnaire], free_text: bool | FreeText
) -> pd.DataFrame:
    """One row per response, every code as stored (the wide layout before blanking), free
    text masked and withheld as `free_text` says."""
    items = item_columns(versions, free_text)
    frame = responses.reindex(columns=[*META, *items])
    ids = responses["response_id"] if "response_id" in responses else pd.Series(-1, frame.index)
    # The random id stored with each response, never the database's sequence number, which is
    # the order pupils submitted in; sorting by it hides that order within a session and phase.
    frame["response_id"] = random_ids(responses)
    for item in items:
        frame[item] = frame[item].map(_cell)
    FreeText.of(free_text).apply(frame, ids, [i for i in items if i in text_items(versions)])
    order = frame.assign(_phase=frame["phase"].map(PHASE_ORDER))
    keys = ["questionnaire_id", "organisation", "session_id", "_phase", "response_id"]
    return frame.loc[order.sort_values(keys, kind="stable").index].reset_index(drop=True)


def random_ids(responses: pd.DataFrame) -> pd.Series:
    """Each response's random id; ValueError when a response has none, since a row without it
    could neither be sorted into place nor told apart (never a silent blank or a dropped row)."""
    if "response_uuid" not in responses.columns:
        raise ValueError("responses lack the column response_uuid (each response's random id)")
    ids = responses["response_uuid"]
    missing = ids.isna() | (ids.astype(str).str.strip() == "")
    if missing.any():
        raise ValueError(f"{int(missing.sum())} responses have no random id (response_uuid)")
    return ids


def long(
    responses: pd.DataFrame, versions: Sequence[Questionnaire], free_text: bool | FreeText
) -> pd.DataFrame:
    """One row per answer: the descriptive columns, the question, the value and its words."""
    items = item_columns(versions, free_text)
    frame = by_response(responses, versions, free_text).assign(_row=lambda f: range(len(f)))
    melted = frame.melt(
        id_vars=[*META, "_row"], value_vars=items, var_name="item", value_name="value"
    )
    melted = melted[melted["value"].notna() & (melted["value"] != "")]
    words = _answer_words(versions)
    melted["answer"] = [
        _words_of(words, q, item, v)
        for q, item, v in zip(
            melted["questionnaire_id"], melted["item"], melted["value"], strict=True
        )
    ]
    # Each response's answers together, responses in the wide layout's order (by session, then
    # phase, then random id).
    ordered = melted.sort_values(["_row"], kind="stable").drop(columns="_row")
    return ordered.reset_index(drop=True)


def codebook(versions: Sequence[Questionnaire], free_text: bool | FreeText) -> pd.DataFrame:
    """Each question: wording, type, values and their words, scale, reverse coding, versions."""
    free_text = FreeText.of(free_text).included
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for q in sorted(versions, key=lambda q: (q.id, -q.version)):
        lang = selection.language_of(q)
        for item in q.items:
            if not free_text and item.type in FREE_TEXT_TYPES:
                continue
            key = (q.id, item.id)
            if key in rows:
                rows[key]["versions"] = f"{q.version}, {rows[key]['versions']}"
                continue
            rows[key] = _codebook_row(q, item, lang)
    columns = ["questionnaire_id", "item", "wording", "type", "values", "missing_values",
               "scale", "priority", "reverse_coded", "phases", "versions"]  # fmt: skip
    return pd.DataFrame(list(rows.values()), columns=columns)


def _codebook_row(q: Questionnaire, item, lang: str) -> dict[str, Any]:
    rs = q.response_set_of(item)
    scale = q.scales.get(item.scale) if item.scale else None
    values = item_type(item.type).codebook_values(item, rs, lang)
    missing = (
        "; ".join(
            f"{v} = {rs.label(v, lang)} (a blank in the wide file, named in {MISSING_COLUMN})"
            for v in sorted(rs.missing_values)
        )
        if rs
        else ""
    )
    return {
        "questionnaire_id": q.id,
        "item": item.id,
        "wording": item.text.get(lang, ""),
        "type": item.type,
        "values": values,
        "missing_values": missing,
        "scale": scale.title.get(lang, item.scale) if scale else "",
        "priority": scale.priority if scale else "",
        "reverse_coded": "yes" if item.reverse else "no",
        "phases": ", ".join(item.phases),
        "versions": str(q.version),
    }


def responses_csv(
    responses: pd.DataFrame,
    versions: Sequence[Questionnaire],
    *,
    layout: str = "wide",
    free_text: bool | FreeText,
    min_base: int,
) -> bytes:
    """Responses as CSV, wide or long, without groups below `min_base` (see `disclosable`);
    a file with no rows says why in its first line."""
    rows = disclosable(with_pairs(responses), min_base)
    shaped = (
        long(rows, versions, free_text) if layout == "long" else wide(rows, versions, free_text)
    )
    return to_csv(shaped, first_line=empty_reason(responses, shaped, min_base))


def empty_reason(responses: pd.DataFrame, exported: pd.DataFrame, min_base: int) -> str | None:
    """Why an export has no rows (None when it has some), in words for its first line."""
    if len(exported):
        return None
    if responses.empty:
        return "This file has no rows: no responses match these filters."
    return (
        f"This file has no rows: each school or group here had fewer than {min_base} people "
        "answering in each phase, and smaller groups are left out so that nobody can be picked out."
    )


def responses_xlsx(
    responses: pd.DataFrame,
    versions: Sequence[Questionnaire],
    comparison: pd.DataFrame,
    *,
    free_text: bool | FreeText,
    min_base: int,
    notes: Sequence[str] = (),
) -> bytes:
    """A workbook: About, Responses (wide), Responses (long) when it fits, Codebook, Comparison."""
    rows = disclosable(with_pairs(responses), min_base)
    sheets = {"Responses (wide)": wide(rows, versions, free_text)}
    answers = long(rows, versions, free_text)
    why_empty = empty_reason(responses, sheets["Responses (wide)"], min_base)
    withheld = withheld_count(rows, versions, free_text)
    said = export_notes(min_base, free_text, responses=responses, withheld=withheld)
    about = [*([why_empty] if why_empty else []), *notes, *said]
    if fits_excel(answers):
        sheets["Responses (long)"] = answers
    else:
        about.append("The long form has more rows than Excel allows: export it as CSV instead.")
    sheets["Codebook"] = codebook(versions, free_text)
    sheets["Comparison"] = comparison_sheet(comparison, versions)
    return to_xlsx(sheets, about, formats=NUMBER_FORMATS)


def withheld_count(
    rows: pd.DataFrame, versions: Sequence[Questionnaire], free_text: bool | FreeText
) -> int:
    """How many free-text answers of these (disclosable) rows a file withholds."""
    return FreeText.of(free_text).withheld_among(rows, text_items(versions))


def export_notes(
    min_base: int,
    free_text: bool | FreeText,
    spreadsheet: bool = True,
    responses: pd.DataFrame | None = None,
    withheld: int = 0,
) -> list[str]:
    """What every workbook says about what was left out (and, for a spreadsheet, apostrophes);
    with `responses`, also how many session phases were left out of them; with `withheld`, how
    many free-text answers are withheld."""
    said = left_out(responses, min_base) if responses is not None else None
    notes = [
        f"Answers of a session are left out for a phase when fewer than {min_base} people "
        "answered in that phase of that session.",
        *([said] if said else []),
        f"Comparison rows resting on fewer than {min_base} people are left out.",
        *free_text_notes(FreeText.of(free_text), withheld),
    ]
    if spreadsheet:
        notes.append("Cells that a spreadsheet could read as a formula start with an apostrophe.")
    return notes


def free_text_notes(free_text: FreeText, withheld: int) -> list[str]:
    """What a file says about the words people wrote: in or not, masked or not, withheld."""
    if not free_text.included:
        return ["Free-text answers are not included."]
    notes = [
        "Free-text answers are included as written, not masked (an admin's export)."
        if free_text.unmasked
        else "Free-text answers are included. Anything in them that looks like a phone number, "
        "email address, postcode or username is replaced by its kind, such as [phone number]."
    ]
    if withheld:
        answers = "answer is" if withheld == 1 else "answers are"
        notes.append(
            f"{withheld} free-text {answers} withheld until the safeguarding lead has reviewed "
            f"a concern about them: their cells say {WITHHELD}."
        )
    return notes


def _blank_missing_codes(frame: pd.DataFrame, versions: Sequence[Questionnaire]) -> list[str]:
    """Blanks each "don't know" (or "prefer not to say") code in `frame`, in place, and returns
    for each row what was blanked: "belong_area = 9 (Don't know); ..."."""
    said: list[list[str]] = [[] for _ in range(len(frame))]
    position = pd.Series(range(len(frame)), index=frame.index)
    for (qid, item), codes in _missing_codes(versions).items():
        if item not in frame.columns:
            continue
        hit = (frame["questionnaire_id"] == qid) & frame[item].isin(list(codes))
        for index, code in frame.loc[hit, item].items():
            said[position[index]].append(f"{item} = {_plain_code(code)} ({codes[code]})")
        frame.loc[hit, item] = None
    return ["; ".join(words) for words in said]


def _missing_codes(versions: Sequence[Questionnaire]) -> dict[tuple[str, str], dict[Any, str]]:
    """(questionnaire, item) -> each code that means no answer, with its words."""
    out: dict[tuple[str, str], dict[Any, str]] = {}
    for q in versions:
        lang = selection.language_of(q)
        for item in q.items:
            rs = q.response_set_of(item)
            if rs is None:
                continue
            for value in sorted(rs.missing_values):
                words = rs.label(value, lang)
                for key in (value, float(value)):
                    out.setdefault((q.id, item.id), {}).setdefault(key, words)
    return out


def _plain_code(code: Any) -> Any:
    return int(code) if isinstance(code, float) and code.is_integer() else code


def _cell(value: Any) -> Any:
    """A stored answer as one cell: lists (multiple choice) joined with semicolons."""
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    return value


def _words_of(words: dict, questionnaire_id: str, item: str, value: Any) -> str:
    """An answer in words; a multiple-choice answer ("1;3") as its options' words."""
    if isinstance(value, str) and ";" in value:
        parts = (words.get((questionnaire_id, item, p.strip()), "") for p in value.split(";"))
        return "; ".join(p for p in parts if p)
    return words.get((questionnaire_id, item, value), "")


def _answer_words(versions: Sequence[Questionnaire]) -> dict[tuple[str, str, Any], str]:
    words: dict[tuple[str, str, Any], str] = {}
    for q in versions:
        lang = selection.language_of(q)
        for item in q.items:
            rs = q.response_set_of(item)
            for option in rs.options if rs else ():
                for key in (option.value, float(option.value), str(option.value)):
                    words.setdefault((q.id, item.id, key), option.label.get(lang, ""))
    return words
