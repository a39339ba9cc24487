"""Choosing what a report may show from a comparison, in one place.

Everything the charts, tables, packs and exports draw passes through `visible()`: a suppressed
row (a base below MIN_BASE) never leaves this module with a number, only its group's name, so
it can be listed as "fewer than 10 responses". Pure pandas: no Flask, no database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..questionnaire.schema import Questionnaire
from ..scoring.coding import numeric
from ..scoring.compare import DEFAULT_YEAR_START, NO_PROGRAMME
from ..scoring.contributions import SPLIT_GROUP
from ..scoring.disclosure import check_disclosed
from ..scoring.periods import academic_periods
from ..scoring.splits import answer_item_id

MATCHED, UNMATCHED = "matched", "unmatched"
PHASE_WORDS = {"pre": "Before", "post": "After"}


def is_suppressed(frame: pd.DataFrame) -> pd.Series:
    """True where a comparison row is suppressed (missing flags count as suppressed: safe side)."""
    return frame["suppressed"].fillna(True).astype(bool)


def visible(comparison: pd.DataFrame) -> pd.DataFrame:
    """Only the rows that may be shown: suppressed rows are dropped, never blanked.

    Refuses (DisclosureError) a frame in which a suppressed row carries a number: this is the
    door every report goes through, so it checks what the scoring layer promised.
    """
    check_disclosed(comparison)
    return comparison.loc[~is_suppressed(comparison)].copy()


def suppressed_groups(comparison: pd.DataFrame) -> list[str]:
    """Names of groups with no row that may be shown, sorted: listed, never plotted."""
    shown = set(visible(comparison)["group"].astype(str))
    return sorted(set(comparison["group"].astype(str)) - shown)


def suppressed_reasons(comparison: pd.DataFrame) -> dict[str, str]:
    """Each group with no row that may be shown, with the true reason(s) it is not shown."""
    out = {}
    for name in suppressed_groups(comparison):
        reasons = group_rows(comparison, name).get("reason", pd.Series(dtype=object))
        words = list(dict.fromkeys(str(r) for r in reasons if isinstance(r, str) and r))
        out[name] = "; ".join(words) or "fewer responses than the minimum"
    return out


def design_reason(rows: pd.DataFrame, design: str) -> str | None:
    """Why no result of one design is shown for these rows (None when any is shown)."""
    mine = rows[rows["design"] == design]
    if mine.empty or (~is_suppressed(mine)).any():
        return None
    words = dict.fromkeys(str(r) for r in mine.get("reason", []) if isinstance(r, str) and r)
    return "; ".join(words) or None


LOW_MATCH_RATE = 0.5  # below this share linked, the matched rows may not describe the group


@dataclass(frozen=True)
class MatchRate:
    """Pairs as a share of the most pairs possible on one measure, from two shown rows."""

    measure: str
    pairs: int
    possible: int

    @property
    def rate(self) -> float:
        return self.pairs / self.possible

    @property
    def low(self) -> bool:
        return self.rate < LOW_MATCH_RATE


def match_rate(rows: pd.DataFrame) -> MatchRate | None:
    """The match rate of one group's rows, from the first measure (scales first) whose matched
    and unmatched rows are both shown: the pairs over the smaller of the before and after counts.

    Only numbers already shown go in, so the rate tells nothing a suppressed row hides; None when
    no measure has both rows shown."""
    shown = visible(rows)
    for kind in ("scale", "item"):
        for measure in dict.fromkeys(shown.loc[shown["measure_kind"] == kind, "measure"]):
            mine = shown[shown["measure"] == measure]
            matched, unmatched = mine[mine["design"] == MATCHED], mine[mine["design"] == UNMATCHED]
            if len(matched) and len(unmatched):
                possible = base_of(unmatched.iloc[0])
                return MatchRate(str(measure), int(matched.iloc[0]["n_pairs"]), possible)
    return None


def shown_groups(comparison: pd.DataFrame) -> list[str]:
    """Names of groups with at least one row that may be shown, sorted."""
    return sorted(set(visible(comparison)["group"].astype(str)))


def group_rows(comparison: pd.DataFrame, group: str) -> pd.DataFrame:
    """The rows of one group (suppressed ones included: callers pass them through `visible`)."""
    return comparison.loc[comparison["group"].astype(str) == str(group)]


def pick_design(rows: pd.DataFrame, kind: str) -> str:
    """Matched pairs when any row of this kind has a shown matched result, else unmatched.

    One design per chart: mixing matched and unmatched rows on one picture would compare
    different people without saying so.
    """
    shown = visible(rows)
    matched = shown[(shown["measure_kind"] == kind) & (shown["design"] == MATCHED)]
    return MATCHED if len(matched) else UNMATCHED


def measure_rows(rows: pd.DataFrame, kind: str, design: str | None = None) -> pd.DataFrame:
    """Shown rows of one measure kind (scale or item) in one design (picked when not given)."""
    design = design or pick_design(rows, kind)
    shown = visible(rows)
    return shown[(shown["measure_kind"] == kind) & (shown["design"] == design)]


def agreement_rows(rows: pd.DataFrame, design: str | None = None) -> pd.DataFrame:
    """Shown item rows that carry a share agreeing before and after."""
    items = measure_rows(rows, "item", design)
    return items[items["agree_pre"].notna() & items["agree_post"].notna()]


def priority_measures(questionnaire: Questionnaire, priority: str) -> set[str]:
    """The scales evidencing a strategy priority, and their items: the measures to keep."""
    scales = {sid for sid, scale in questionnaire.scales.items() if scale.priority == priority}
    items = {item.id for item in questionnaire.items if item.scale in scales}
    return scales | items


def keep_measures(comparison: pd.DataFrame, measures: Iterable[str]) -> pd.DataFrame:
    """Rows for the given measures only (used by the strategy-priority filter)."""
    return comparison.loc[comparison["measure"].isin(set(measures))]


def language_of(questionnaire: Questionnaire) -> str:
    """English when the questionnaire has it (officers report in English), else its first."""
    return "en" if "en" in questionnaire.languages else questionnaire.languages[0]


def measure_labels(questionnaire: Questionnaire) -> dict[str, str]:
    """Words for every measure id: a scale's title, an item's wording."""
    lang = language_of(questionnaire)
    labels = {sid: scale.title.get(lang, sid) for sid, scale in questionnaire.scales.items()}
    labels.update({item.id: item.text.get(lang, item.id) for item in questionnaire.items})
    return labels


def readout_subjects(questionnaire: Questionnaire) -> dict[str, str]:
    """How a readout names each measure: a scale by its title, an item as the score for its
    wording (noting when it is scored the other way round, so that "rose" is never misread)."""
    subjects = measure_labels(questionnaire)
    for item in questionnaire.items:
        text = subjects[item.id].strip()
        higher = questionnaire.score_better(item) == "higher"
        if item.reverse:
            turned = " (scored the other way round, so " + ("higher" if higher else "lower")
            turned += " is better)"
        else:
            turned = "" if higher else " (lower is better)"
        subjects[item.id] = f"The score for “{text}”{turned}"
    for scale_id, scale in questionnaire.scales.items():
        if scale.better == "lower":
            subjects[scale_id] += " (a lower score is better)"
    return subjects


def people_word(questionnaire: Questionnaire) -> str:
    """How readouts name the respondents."""
    return "pupils" if questionnaire.audience in ("primary", "secondary") else "people"


def base_of(row: pd.Series) -> int:
    """The base of a shown row: pairs when matched, the smaller phase count when unmatched."""
    if row["design"] == MATCHED:
        return int(row["n_pairs"])
    return int(min(row["n_pre"], row["n_post"]))


def responses_of_group(
    responses: pd.DataFrame,
    by: str,
    group: object,
    year_start: tuple[int, int] = DEFAULT_YEAR_START,
) -> pd.DataFrame:
    """The responses behind one comparison group (a priority group is every response)."""
    if by in ("year", "term"):  # labelled from the session date as compare() labels them
        if responses.empty:
            return responses
        codes, labels = academic_periods(responses["session_date"], year_start, by)
        return responses.loc[np.asarray(labels, dtype=object)[codes] == str(group)]
    if by == "priority":
        return responses
    if by == "session":
        return responses.loc[responses["session_id"].astype(str) == str(group)]
    if by == "language":
        return responses.loc[responses["language"].astype(str) == str(group)]
    if answer_item_id(by) is not None:  # the group each counts in, from `countable_answers`
        return responses.loc[responses[SPLIT_GROUP].fillna("").astype(str) == str(group)]
    column = responses[by] if by == "organisation" else responses["programme"].fillna(NO_PROGRAMME)
    return responses.loc[column.astype(str) == str(group)]


def answer_distribution(
    responses: pd.DataFrame, items: list[str], values: tuple[int, ...]
) -> pd.DataFrame:
    """Counts of each scored answer (as worded, not reverse-coded) per item and phase.

    Columns measure, phase, value, count; only the given items (which the caller took from shown
    rows) and only PRE and POST. "Don't know" and blanks are left out, as in the scores.
    """
    parts = []
    for phase in ("pre", "post"):
        phase_rows = responses.loc[responses["phase"] == phase]
        for item in items:
            if item not in phase_rows:
                continue
            answers = numeric(phase_rows[item])
            counts = answers[answers.isin(values)].astype(int).value_counts()
            counts = counts.reindex(values, fill_value=0)
            parts.append(
                pd.DataFrame(
                    {"measure": item, "phase": phase, "value": values, "count": counts.to_numpy()}
                )
            )
    if not parts:
        return pd.DataFrame({"measure": [], "phase": [], "value": [], "count": []})
    order = {item: i for i, item in enumerate(items)}
    frame = pd.concat(parts, ignore_index=True)
    frame["_order"] = frame["measure"].map(order) * 2 + np.where(frame["phase"] == "pre", 0, 1)
    return frame.sort_values(["_order", "value"], kind="stable").drop(columns="_order")
