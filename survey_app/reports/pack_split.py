"""A pack's results split by an answer or by the language answered in (issue 14 item 4).

The same comparison as the dashboard's "Compare by" for the pack's own responses, under the
same rules: a split by an answer goes all or nothing per session (ADR 0036, scoring/splits.py),
every group is suppressed below MIN_BASE and listed with its true reason, never drawn.
Headline tables only: each group's numbers in words, matched and unmatched side by side.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from ..questionnaire.schema import Questionnaire
from ..scoring.compare import SPLIT_RESPONSES, compare
from ..scoring.splits import answer_item_id, split_item
from . import figures, selection, tables, wording

SPLIT_WIDTHS = (0.22, 0.12, 0.14, 0.52)  # of the text width, as the headline table


def check_split(by: str | None, versions_of: Iterable[Sequence[Questionnaire]]) -> None:
    """ValueError unless `by` is None, "language", or "answer:ITEM" with ITEM a single-choice
    item of at least one of these questionnaires (each a list of its versions)."""
    if by is None or by == "language":
        return
    item_id = answer_item_id(by)
    if item_id is None:
        raise ValueError(f"a pack splits by language or answer:ITEM_ID, not {by!r}")
    problems = []
    for versions in versions_of:
        try:
            split_item(versions, item_id)
            return
        except ValueError as exc:
            problems.append(str(exc))
    raise ValueError("; ".join(problems) or f"no questionnaire has the item '{item_id}'")


def splits(by: str | None, versions: Sequence[Questionnaire]) -> bool:
    """Whether this questionnaire's results are split by `by` (it has the item)."""
    if by is None:
        return False
    try:
        check_split(by, [versions])
    except ValueError:
        return False
    return True


def split_heading(by: str, q: Questionnaire) -> str:
    item_id = answer_item_id(by)
    if item_id is None:
        return "By the language answered in"
    text = selection.measure_labels(q).get(item_id, item_id).strip()
    return f"By the answer to “{text}”"


def split_section(document, data: figures.ReportData, by: str, pairs: pd.DataFrame | None) -> None:
    """A new page: the split's note, each shown group's headline table, the groups not shown."""
    from .pdf import TEXT_WIDTH  # reportlab only once a pack is made (as packs.py does)

    q = data.questionnaire
    comparison = compare(data.responses, data.versions, by=by, min_base=data.min_base, pairs=pairs)
    document.new_page()
    document.heading(f"{q.title.get(selection.language_of(q), q.id)}: {split_heading(by, q)}")
    split = comparison.attrs.get(SPLIT_RESPONSES)
    if split is not None:
        document.text(wording.split_note(split[0], split[1], data.min_base))
    shown = list(dict.fromkeys(selection.visible(comparison)["group"].astype(str)))
    for group in shown:
        rows = selection.group_rows(comparison, group)
        scales = rows[rows["measure_kind"] == "scale"]
        document.heading(figures.group_title(by, group), level=2)
        headline = tables.headline_table(scales, q, data.labels, data.min_base)
        document.table(headline, [w * TEXT_WIDTH for w in SPLIT_WIDTHS])
    hidden = selection.suppressed_reasons(comparison)
    if hidden:
        words = "; ".join(f"{name}: {reason}" for name, reason in hidden.items())
        document.text(f"Not shown: {words}.")
    if not shown and not hidden:
        document.text("No answers to split.")
