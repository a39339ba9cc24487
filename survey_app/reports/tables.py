"""The numbers beside each chart, as a table: the chart's text alternative.

Each builder takes the same shown rows (see `selection.visible`) that the matching chart draws, so
the picture and the table can never disagree. Cells are plain strings, ready for HTML, PDF or a
spreadsheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..questionnaire.schema import Questionnaire, ResponseSet
from . import wording as w
from .selection import (
    MATCHED,
    PHASE_WORDS,
    UNMATCHED,
    base_of,
    is_suppressed,
    people_word,
    readout_subjects,
)


@dataclass(frozen=True)
class ChartTable:
    """A caption, column headings, rows of text cells, and notes to print under it."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = field(default=())


def design_words(design: str, people: str = "pupils") -> str:
    if design == MATCHED:
        return f"{people} who answered both times (matched pairs)"
    return "everyone who answered (not matched person to person)"


def base_words(row: pd.Series) -> str:
    if row["design"] == MATCHED:
        return f"{base_of(row)} pairs"
    return f"{int(row['n_pre'])} before, {int(row['n_post'])} after"


def judged_words(judged: object, better: object, what: str) -> str:
    """A change in words by its direction (ADR 0035): "Worse (lower is better)", "Better", ...

    `what` is "score" (the means) or "agreeing" (the share agreeing, as worded)."""
    word = {"better": "Better", "worse": "Worse", "none": "No change"}.get(str(judged), "")
    if not word or better != "lower":
        return word
    return f"{word} ({'fewer agreeing' if what == 'agreeing' else 'lower'} is better)"


def scale_means_table(rows: pd.DataFrame, labels: dict[str, str], caption: str) -> ChartTable:
    """Chart (a): mean before and after per scale, the change and its 95% interval."""
    body = tuple(
        (
            labels.get(r.measure, r.measure),
            w.mean(r.mean_pre),
            w.mean(r.mean_post),
            w.signed(r.mean_change),
            w.span(r.ci_low, r.ci_high),
            w.effect_word(r.effect_size, r.design),
            judged_words(getattr(r, "change_is", None), _scale_better(r), "score"),
            base_words(pd.Series(r._asdict())),
        )
        for r in rows.itertuples()
    )
    columns = (
        "Scale", "Before", "After", "Change", "95% interval", "Size of change", "Better or worse",
        "Base",
    )  # fmt: skip
    return _judged_when_lower(ChartTable(caption, columns, body, _low_base_note(rows)), rows)


def distribution_table(
    dist: pd.DataFrame, response_set: ResponseSet, labels: dict[str, str], lang: str, caption: str
) -> ChartTable:
    """Chart (b): the share giving each answer, before and after, per question."""
    values = response_set.scored_values
    columns = ("Question", "When", *(response_set.label(v, lang) for v in values), "Answers")
    body = []
    for (measure, phase), part in dist.groupby(["measure", "phase"], sort=False):
        counts = part.set_index("value")["count"].reindex(values, fill_value=0)
        total = int(counts.sum())
        shares = (w.percent(c / total) if total else "" for c in counts)
        body.append((labels.get(measure, measure), PHASE_WORDS[phase], *shares, str(total)))
    return ChartTable(caption, columns, tuple(body))


def agreement_table(rows: pd.DataFrame, labels: dict[str, str], caption: str) -> ChartTable:
    """Chart (c): the share agreeing before and after with Wilson 95% intervals."""
    body = tuple(
        (
            labels.get(r.measure, r.measure),
            _share(r.agree_pre, r.agree_pre_ci),
            _share(r.agree_post, r.agree_post_ci),
            _change_interval(r.agree_change_ci),
            judged_words(w.agreement_change(pd.Series(r._asdict())), r.better, "agreeing"),
            base_words(pd.Series(r._asdict())),
        )
        for r in rows.itertuples()
    )
    columns = (
        "Question", "Agreed before", "Agreed after", "Change, 95% interval", "Better or worse",
        "Base",
    )  # fmt: skip
    return ChartTable(caption, columns, body, _low_base_note(rows))


def across_groups_table(
    rows: pd.DataFrame, suppressed: dict[str, str], caption: str, min_base: int
) -> ChartTable:
    """Chart (d): the change per group, largest first; groups too small are named, no numbers."""
    body: list[tuple[str, ...]] = [
        (
            str(r.group),
            w.mean(r.mean_pre),
            w.mean(r.mean_post),
            w.signed(r.mean_change),
            w.span(r.ci_low, r.ci_high),
            judged_words(getattr(r, "change_is", None), _scale_better(r), "score"),
            base_words(pd.Series(r._asdict())),
        )
        for r in rows.itertuples()
    ]
    body += [(name, reason, "", "", "", "", "") for name, reason in suppressed.items()]
    columns = ("Group", "Before", "After", "Change", "95% interval", "Better or worse", "Base")
    table = ChartTable(caption, columns, tuple(body), _low_base_note(rows))
    return _judged_when_lower(table, rows)


def trend_table(
    rows: pd.DataFrame, periods: list[str], labels: dict[str, str], reasons: dict, caption: str
) -> ChartTable:
    """Chart (e): each scale's change per period in time order; a period whose row is not shown
    gives the row's true reason (`reasons`: (scale, period) -> words), never a number."""
    body: list[tuple[str, ...]] = []
    for measure in dict.fromkeys([*rows["measure"], *(m for m, _ in reasons)]):
        mine = rows[rows["measure"] == measure].set_index("group")
        for period in periods:
            label = labels.get(measure, measure)
            if period in mine.index:
                r = mine.loc[period]
                body.append((label, period, w.mean(r["mean_pre"]), w.mean(r["mean_post"]),
                             w.signed(r["mean_change"]), w.span(r["ci_low"], r["ci_high"]),
                             judged_words(r.get("change_is"), r.get("better"), "score"),
                             base_words(r.rename(None))))  # fmt: skip
            elif (measure, period) in reasons:
                body.append((label, period, f"Not shown: {reasons[measure, period]}",
                             "", "", "", "", ""))  # fmt: skip
    columns = (
        "Scale", "Period", "Before", "After", "Change", "95% interval", "Better or worse", "Base",
    )  # fmt: skip
    return _judged_when_lower(ChartTable(caption, columns, tuple(body), _low_base_note(rows)), rows)


def headline_table(
    rows: pd.DataFrame, questionnaire: Questionnaire, labels: dict[str, str], min_base: int
) -> ChartTable:
    """The comparison for one group in plain English, suppressed rows as "fewer than N"."""
    people = people_word(questionnaire)
    subjects = readout_subjects(questionnaire)
    body = []
    for _, row in rows.iterrows():
        label = labels.get(row["measure"], row["measure"])
        design = "matched" if row["design"] == MATCHED else "not matched"
        if bool(is_suppressed(row.to_frame().T).iloc[0]):
            body.append((label, design, w.not_shown(row, min_base), ""))
            continue
        numbers = f"{w.mean(row['mean_pre'])} to {w.mean(row['mean_post'])}"
        subject = subjects.get(row["measure"], label)
        body.append((label, design, numbers, w.readout(row, subject, people)))
    columns = ("Measure", "Design", "Before to after", "In words")
    return ChartTable("Headline results", columns, tuple(body))


DESIGN_LABELS = {MATCHED: "Matched pairs", UNMATCHED: "Everyone, not matched"}


def display_rows(
    rows: pd.DataFrame, labels: dict[str, str], subjects: dict[str, str], people: str
) -> list[dict]:
    """One group's scale rows then item rows, each measure matched then unmatched (side by
    side, each labelled: docs/scoring.md says to read them together), as text for a page.

    A suppressed row carries only its labels, `suppressed: True` and its reason.
    """
    shown = []
    min_base = int(rows.attrs.get("min_base", 10))
    for kind in ("scale", "item"):
        picked = rows[rows["measure_kind"] == kind]
        for _, row in picked.iterrows():
            label = labels.get(row["measure"], row["measure"])
            design = str(row["design"])
            if bool(is_suppressed(row.to_frame().T).iloc[0]):
                reason = w.not_shown(row, min_base)
                shown.append({"label": label, "kind": kind, "suppressed": True, "reason": reason,
                              "design": design, "design_label": DESIGN_LABELS[design]})  # fmt: skip
            else:
                subject = subjects.get(row["measure"], label)
                shown.append(_display(row, label, subject, kind, design, people))
    return shown


def _display(row: pd.Series, label: str, subject: str, kind: str, design: str, people: str) -> dict:
    return {
        "label": label,
        "kind": kind,
        "suppressed": False,
        "design": design,
        "design_label": DESIGN_LABELS[design],
        "before": w.mean(row["mean_pre"]),
        "after": w.mean(row["mean_post"]),
        "change": w.signed(row["mean_change"]),
        "judged": judged_words(row.get("change_is"), None, "score"),
        "interval": w.span(row["ci_low"], row["ci_high"]),
        "size": w.effect_word(row["effect_size"], design),
        "p": w.p_value(row.get("t_p_value")),
        "base": base_words(row),
        "low_base": bool(row["low_base"]),
        "words": w.readout(row, subject, people),
    }


def _judged_when_lower(table: ChartTable, rows: pd.DataFrame) -> ChartTable:
    """A table of scores keeps its "Better or worse" column only when a scale in it is better
    lower: otherwise a rise is better, as the sign of the change already says."""
    lower = rows["measure_kind"].eq("scale") & rows.get("better", pd.Series(dtype=object)).eq(
        "lower"
    )
    if lower.any():
        return table
    keep = [i for i, name in enumerate(table.columns) if name != "Better or worse"]
    return ChartTable(
        table.caption,
        tuple(table.columns[i] for i in keep),
        tuple(tuple(row[i] for i in keep) for row in table.rows),
        table.notes,
    )


def _scale_better(r: object) -> object:
    """A scale's `better` is its score's; an item's is of its wording, so it is left out here
    (the item's label says when its score is turned round)."""
    return getattr(r, "better", None) if getattr(r, "measure_kind", "") == "scale" else None


def _share(share: object, ci: object) -> str:
    bounds = w.interval(ci)
    text = w.percent(share)
    return f"{text} ({w.percent(bounds[0])} to {w.percent(bounds[1])})" if bounds else text


def _change_interval(ci: object) -> str:
    bounds = w.interval(ci)
    if not bounds:
        return ""
    return f"{100 * bounds[0]:+.0f} to {100 * bounds[1]:+.0f} points"


def _low_base_note(rows: pd.DataFrame) -> tuple[str, ...]:
    if "low_base" in rows and rows["low_base"].fillna(False).astype(bool).any():
        return (f"Some results rest on fewer than {w.LOW_BASE} answers: read them with care.",)
    return ()
