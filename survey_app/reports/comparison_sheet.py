"""The comparison as officers download it (dashboard CSV, the workbook's Comparison sheet):
rounded for reading, with plain column names, shown rows only.

Means, changes, interval ends and sizes of change to 2 decimals; p to 3 significant figures;
shares as percentages to 1 decimal. A p just under 0.05 is rounded down, never up to "0.0500"
beside words calling the change unlikely to be chance; an interval end that would round to 0
keeps 2 significant figures, so it never seems to touch 0 when it does not.

Machines get the full precision and the field names of `scoring.compare` from
`flask report compare --format json|csv` (compare_cli.py); this sheet is for people.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from ..questionnaire.schema import Questionnaire
from . import selection, wording

TEST_WORDS = {
    "wilcoxon_signed_rank_exact": "Wilcoxon signed-rank (exact)",
    "wilcoxon_signed_rank_asymptotic": "Wilcoxon signed-rank (normal approximation)",
    "mann_whitney_exact": "Mann-Whitney U (exact)",
    "mann_whitney_asymptotic": "Mann-Whitney U (normal approximation)",
}
DESIGN_WORDS = {
    selection.MATCHED: "matched (the same people before and after)",
    selection.UNMATCHED: "not matched (everyone who answered)",
}


def two_places(value: object) -> float | None:
    x = wording.number(value)
    return None if x is None else round(x, 2)


def interval_end(value: object) -> float | None:
    x = wording.number(value)
    if x is None:
        return None
    return _significant(x, 2) if x != 0 and abs(x) < 0.005 else round(x, 2)


def p_three_figures(value: object) -> float | None:
    x = wording.number(value)
    if x is None:
        return None
    rounded = _significant(x, 3)
    if x < wording.SIGNIFICANCE <= rounded:  # 0.04996 reads 0.0499, not 0.0500
        rounded = math.floor(x * 10_000) / 10_000
    return rounded


def percent_one_place(value: object) -> float | None:
    x = wording.number(value)
    return None if x is None else round(100 * x, 1)


def count(value: object) -> int | None:
    x = wording.number(value)
    return None if x is None else int(x)


def _significant(x: float, figures: int) -> float:
    if x == 0:
        return 0.0
    return round(x, figures - 1 - math.floor(math.log10(abs(x))))


def _words(table: dict[str, str]) -> Callable[[object], object]:
    return lambda value: table.get(value, value) if isinstance(value, str) else value


def _yes_no(value: object) -> str:
    return "yes" if value is True or value == 1 else "no"


def _as_is(value: object) -> object:
    return value


# (plain column name, field of the row, how it is shown), in the order of the sheet.
COLUMNS: tuple[tuple[str, str, Callable[[Any], Any]], ...] = (
    ("Grouped by", "group_by", _as_is),
    ("Group", "group", _as_is),
    ("Questionnaire", "questionnaire", _as_is),
    ("Questionnaire versions", "versions", _as_is),
    ("Measure", "measure_words", _as_is),
    ("Measure id", "measure", _as_is),
    ("Scale or question", "measure_kind", _words({"scale": "scale", "item": "question"})),
    ("Design", "design", _words(DESIGN_WORDS)),
    ("Answers before", "n_pre", count),
    ("Answers after", "n_post", count),
    ("Matched pairs", "n_pairs", count),
    ("Improved", "improved", count),
    ("Stayed the same", "same", count),
    ("Got worse", "worse", count),
    ("Mean before", "mean_pre", two_places),
    ("Mean after", "mean_post", two_places),
    ("Change in mean", "mean_change", two_places),
    (
        "Change in mean was",
        "change_is",
        _words({"better": "better", "worse": "worse", "none": "no change"}),
    ),
    ("Better (of the answer as worded, or the scale score)", "better", _as_is),
    ("Change: 95% interval from", "ci_low", interval_end),
    ("Change: 95% interval to", "ci_high", interval_end),
    ("p (t test of the interval)", "t_p_value", p_three_figures),
    ("Size of change (d_z matched, rank-biserial not)", "effect_size", two_places),
    ("Rank test", "test", _words(TEST_WORDS)),
    ("Rank test statistic", "statistic", two_places),
    ("p (rank test)", "p_value", p_three_figures),
    ("Rank-biserial correlation", "rank_biserial", two_places),
    ("Agreeing before (%)", "agree_pre", percent_one_place),
    ("Agreeing before: 95% interval from (%)", "agree_pre_ci_low", percent_one_place),
    ("Agreeing before: 95% interval to (%)", "agree_pre_ci_high", percent_one_place),
    ("Agreeing after (%)", "agree_post", percent_one_place),
    ("Agreeing after: 95% interval from (%)", "agree_post_ci_low", percent_one_place),
    ("Agreeing after: 95% interval to (%)", "agree_post_ci_high", percent_one_place),
    ("Change in agreeing: 95% interval from (points)", "agree_change_ci_low", percent_one_place),
    ("Change in agreeing: 95% interval to (points)", "agree_change_ci_high", percent_one_place),
    ("Don't know or no answer before (%)", "missing_share_pre", percent_one_place),
    ("Don't know or no answer after (%)", "missing_share_post", percent_one_place),
    ("Read with care (fewer than 30)", "low_base", _yes_no),
    ("In words", "in_words", _as_is),
)
NAMES = tuple(name for name, _, _ in COLUMNS)
# The workbook's number formats; interval ends and p keep "General", so that 0.0031 or 1.2e-07
# are never shown as 0.00.
_FORMAT_OF: dict[Callable[[Any], Any], str] = {
    two_places: "0.00",
    percent_one_place: "0.0",
    count: "0",
}
NUMBER_FORMATS = {name: _FORMAT_OF[show] for name, _, show in COLUMNS if show in _FORMAT_OF}


def comparison_sheet(comparison: pd.DataFrame, versions: Sequence[Questionnaire]) -> pd.DataFrame:
    """Shown rows only (suppressed rows are left out, not blanked), rounded, plainly named."""
    shown = selection.visible(comparison).reset_index(drop=True)
    newest = _newest(versions)
    labels = {qid: selection.measure_labels(q) for qid, q in newest.items()}
    readout = {qid: selection.readout_subjects(q) for qid, q in newest.items()}
    keys = list(zip(shown["questionnaire"], shown["measure"], strict=True))
    fields = shown.copy()
    fields["measure_words"] = [labels.get(q, {}).get(m, m) for q, m in keys]
    fields["versions"] = [", ".join(str(v) for v in vs or ()) for vs in fields["versions"]]
    for column in ("agree_pre_ci", "agree_post_ci", "agree_change_ci"):
        bounds = [wording.interval(v) or (None, None) for v in fields[column]]
        fields[f"{column}_low"] = [b[0] for b in bounds]
        fields[f"{column}_high"] = [b[1] for b in bounds]
    subjects = [readout.get(q, {}).get(m, m) for q, m in keys]
    rows = zip(shown.iterrows(), subjects, strict=True)
    fields["in_words"] = [wording.readout(row, word) for (_, row), word in rows]
    out = {name: [show(v) for v in fields[field]] for name, field, show in COLUMNS}
    return pd.DataFrame(out, columns=list(NAMES))


def empty_reason(comparison: pd.DataFrame, min_base: int) -> str | None:
    """Why the officers' comparison has no rows (None when it has some), for its first line."""
    if len(selection.visible(comparison)):
        return None
    if comparison.empty:
        return "This file has no rows: no before-and-after answers match these filters."
    reasons = selection.suppressed_reasons(comparison).values()
    why = "; ".join(dict.fromkeys(reasons)) or wording.fewer_than(min_base)
    return f"This file has no rows: every result here is not shown ({why})."


def _newest(versions: Sequence[Questionnaire]) -> dict[str, Questionnaire]:
    newest: dict[str, Questionnaire] = {}
    for q in versions:
        if q.id not in newest or q.version > newest[q.id].version:
            newest[q.id] = q
    return newest
