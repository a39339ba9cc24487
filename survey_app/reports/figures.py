"""Each chart together with its table, from one comparison: what pages and packs both use.

`ReportData` holds what one report works from (the responses it selected, the questionnaire's
versions, the comparison frame). Each builder returns a `Drawn` (figure and table) or None when
every row it would draw is suppressed. Groups too small are never drawn; the across-groups chart
names them underneath.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import pandas as pd

from ..questionnaire.schema import PRIORITIES, Questionnaire, ResponseSet
from ..scoring.compare import DEFAULT_YEAR_START
from ..scoring.contributions import countable_answers
from ..scoring.splits import answer_item_id
from . import charts, selection, tables
from . import wording as w

if TYPE_CHECKING:
    from matplotlib.figure import Figure

KINDS = ("scale-means", "answers", "agreement", "across-groups", "trend")
TIME_GROUPINGS = ("year", "term")


@dataclass(frozen=True)
class ReportData:
    """The inputs of one report: selected responses, every version, the comparison."""

    responses: pd.DataFrame
    versions: Sequence[Questionnaire]
    comparison: pd.DataFrame
    by: str
    min_base: int
    # Split by an answer: (responses in the answer groups, all compared), for the page's note.
    split_responses: tuple[int, int] | None = None
    year_start: tuple[int, int] = DEFAULT_YEAR_START  # when grouped by academic year or term

    @property
    def questionnaire(self) -> Questionnaire:
        """The newest version: its wording labels every measure."""
        return max(self.versions, key=lambda q: q.version)

    @property
    def labels(self) -> dict[str, str]:
        return selection.measure_labels(self.questionnaire)

    @property
    def subjects(self) -> dict[str, str]:
        return selection.readout_subjects(self.questionnaire)

    @property
    def people(self) -> str:
        return selection.people_word(self.questionnaire)

    def group_title(self, group: object) -> str:
        return group_title(self.by, group)

    @cached_property
    def countable(self) -> pd.DataFrame:
        """The responses with each answer no statistic may count blanked (ADR 0029): what
        charts of answer counts draw from, never `responses` itself."""
        return countable_answers(self.responses, self.versions, self.min_base, by=self.by)


@dataclass(frozen=True)
class Drawn:
    """A chart and the table of the same numbers (its text alternative)."""

    figure: Figure | None  # None when only the table was asked for (draw=False)
    table: tables.ChartTable


def group_title(by: str, group: object) -> str:
    """A group in words: a session number, a priority's title, or a name."""
    if by == "session":
        return f"Session {group}"
    if by == "priority":
        return PRIORITIES.get(str(group), str(group))
    return str(group)


def answer_sets(questionnaire: Questionnaire) -> dict[str, ResponseSet]:
    """The scored response sets with distinct answer wording, keyed by their first set's name.

    Sets worded alike (a smiley set and the same set with the faces turned round) share a chart.
    """
    found: dict[tuple, str] = {}
    for item in questionnaire.items:
        rs = questionnaire.response_set_of(item)
        if item.scored and rs is not None:
            found.setdefault(_wording(rs, questionnaire), item.response_set or "")
    return {name: questionnaire.response_sets[name] for name in found.values()}


def _wording(rs: ResponseSet, q: Questionnaire) -> tuple:
    lang = selection.language_of(q)
    return tuple((v, rs.label(v, lang)) for v in rs.scored_values)


def _subtitle(data: ReportData, design: str) -> str:
    versions = ", ".join(f"v{q.version}" for q in sorted(data.versions, key=lambda q: q.version))
    title = data.questionnaire.title.get(selection.language_of(data.questionnaire), "")
    return f"{tables.design_words(design, data.people).capitalize()}. {title} ({versions})."


def scale_means(data: ReportData, group: object, draw: bool = True) -> Drawn | None:
    """(a) for one group: mean before and after per scale, and the change."""
    rows = selection.group_rows(data.comparison, str(group))
    design = selection.pick_design(rows, "scale")
    shown = selection.measure_rows(rows, "scale", design)
    if shown.empty:
        return None
    title = f"{data.group_title(group)}: average scores before and after"
    subtitle = _subtitle(data, design)
    labels = directed_labels(data.labels, shown)
    figure = (
        charts.scale_means_chart(shown, labels, title, subtitle, _value_range(data))
        if draw
        else None
    )
    return Drawn(figure, tables.scale_means_table(shown, labels, title))


def directed_labels(labels: dict[str, str], rows: pd.DataFrame) -> dict[str, str]:
    """Scale titles, noting those where a lower score is better (ADR 0035)."""
    lower = rows.loc[(rows["measure_kind"] == "scale") & (rows.get("better") == "lower")]
    return labels | {m: f"{labels.get(m, m)} (lower is better)" for m in lower["measure"]}


def agreement(data: ReportData, group: object, draw: bool = True) -> Drawn | None:
    """(c) for one group: the share agreeing with each statement, before and after."""
    rows = selection.group_rows(data.comparison, str(group))
    shown = selection.agreement_rows(rows, selection.pick_design(rows, "item"))
    if shown.empty:
        return None
    design = str(shown["design"].iloc[0])
    title = f"{data.group_title(group)}: share agreeing before and after"
    figure = (
        charts.agreement_chart(shown, data.labels, title, _subtitle(data, design)) if draw else None
    )
    return Drawn(figure, tables.agreement_table(shown, data.labels, title))


def answers(data: ReportData, group: object, answer_set: str, draw: bool = True) -> Drawn | None:
    """(b) for one group and one answer scale: every answer before and after, per question.

    Counts come from all answers (not only matched pairs), so an item is drawn only when its
    unmatched row is shown.
    """
    q = data.questionnaire
    sets = answer_sets(q)
    if answer_set not in sets:
        return None
    wording = _wording(sets[answer_set], q)
    rows = selection.group_rows(data.comparison, str(group))
    shown = selection.measure_rows(rows, "item", selection.UNMATCHED)
    items = [m for m in shown["measure"] if _item_wording(q, m) == wording]
    if not items:
        return None
    values = sets[answer_set].scored_values
    group_responses = selection.responses_of_group(data.countable, data.by, group, data.year_start)
    dist = selection.answer_distribution(group_responses, items, values)
    lang = selection.language_of(q)
    answer_labels = [sets[answer_set].label(v, lang) for v in values]
    first, last = answer_labels[0], answer_labels[-1]
    title = f"{data.group_title(group)}: answers before and after (“{first}” to “{last}”)"
    subtitle = _subtitle(data, selection.UNMATCHED)
    figure = (
        charts.distribution_chart(dist, values, answer_labels, data.labels, title, subtitle)
        if draw
        else None
    )
    table = tables.distribution_table(dist, sets[answer_set], data.labels, lang, title)
    return Drawn(figure, table)


def _item_wording(q: Questionnaire, item_id: str) -> tuple | None:
    try:
        rs = q.response_set_of(q.item(item_id))
    except StopIteration:
        return None
    return _wording(rs, q) if rs else None


def across_groups(data: ReportData, measure: str, draw: bool = True) -> Drawn | None:
    """(d) the change in one measure per group, sorted; too-small groups named, not drawn."""
    rows = data.comparison.loc[data.comparison["measure"] == measure]
    if rows.empty:
        return None
    kind = str(rows["measure_kind"].iloc[0])
    design = selection.pick_design(rows, kind)
    shown = selection.measure_rows(rows, kind, design)
    hidden = selection.suppressed_reasons(rows[rows["design"] == design])
    if shown.empty and not hidden:
        return None
    label = directed_labels(data.labels, rows).get(measure, measure)
    title = f"{label}: change per {_group_word(data.by, data.labels)}"
    subtitle = _subtitle(data, design)
    figure = (
        charts.across_groups_chart(shown, hidden, title, subtitle, data.min_base) if draw else None
    )
    table = tables.across_groups_table(
        shown.sort_values("mean_change", ascending=False), hidden, title, data.min_base
    )
    return Drawn(figure, table)


def _group_word(by: str, labels: dict[str, str]) -> str:
    item_id = answer_item_id(by)
    if item_id is not None:
        return f"answer to “{labels.get(item_id, item_id).strip()}”"
    return {"organisation": "school or group", "programme": "programme"}.get(by, by)


def _value_range(data: ReportData) -> tuple[int, int]:
    values = [v for rs in answer_sets(data.questionnaire).values() for v in rs.scored_values]
    return (min(values), max(values)) if values else (1, 5)


def trend(data: ReportData, draw: bool = True) -> Drawn | None:
    """(e) each scale's change across academic years or terms, in time order, for whatever the
    filters chose (a school, a programme, a priority). None unless the report is grouped by
    year or term and at least two periods have answers. One design for the whole chart, as for
    every chart: matched pairs when any period shows them."""
    if data.by not in TIME_GROUPINGS:
        return None
    scales = data.comparison.loc[data.comparison["measure_kind"] == "scale"]
    periods = list(dict.fromkeys(scales["group"].astype(str)))  # compare() keeps time order
    if len(periods) < 2:
        return None
    design = selection.pick_design(scales, "scale")
    mine = scales.loc[scales["design"] == design].assign(group=lambda f: f["group"].astype(str))
    shown = selection.measure_rows(mine, "scale", design)
    if shown.empty:
        return None
    hidden = selection.suppressed_reasons(mine)
    reasons = {
        (str(r["measure"]), str(r["group"])): w.not_shown(r, data.min_base)
        for _, r in mine.loc[selection.is_suppressed(mine)].iterrows()
        if str(r["measure"]) in set(shown["measure"])
    }
    word = "year" if data.by == "year" else "term"
    title = f"Change in each scale, {word} by {word}"
    labels = directed_labels(data.labels, shown)
    figure = (
        charts.trend_chart(shown, periods, labels, hidden, title, _subtitle(data, design))
        if draw
        else None
    )
    return Drawn(figure, tables.trend_table(shown, periods, labels, reasons, title))
