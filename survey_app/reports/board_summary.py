"""The Board report's executive summary: the year's results in plain words, from the verdicts.

What it may claim is fixed by ADR 0041: counts of sessions, schools and groups, programmes and
responses; for each strategy priority, the scales of one design (matched pairs when any is
shown, as every chart), each said to have changed "for the better" or "for the worse" only by
its declared direction (`change_is`, ADR 0035), and "chance is unlikely to explain it" only when
the 95% interval printed in the report (the t test's) leaves out no change; never that the
sessions caused a change. Only rows `selection.visible` lets through carry a number; a priority
or programme with none is named with its true reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..questionnaire.schema import PRIORITIES
from . import selection, wording

if TYPE_CHECKING:
    from .board import BoardPart

CAUSE = (
    "These are changes between the answers before and after the sessions: on their own they do "
    "not show that the sessions caused them (see 'Method and its limits')."
)


def summary(parts: list[BoardPart], year: str, min_base: int) -> list[str]:
    """The summary's paragraphs, in reading order."""
    found = {p: _priority_rows(parts, p) for p in PRIORITIES}
    out = [_reach(parts, year), _tally(found)]
    for priority, words in PRIORITIES.items():
        out.append(_priority_sentence(priority, words, found[priority], parts))
    out += [_programmes(parts), CAUSE]
    return out


def _reach(parts: list[BoardPart], year: str) -> str:
    frames = [p.by_priority.responses for p in parts]
    sessions = sum(f["session_id"].nunique() for f in frames)
    groups = len(set().union(*(set(f["organisation"].astype(str)) for f in frames)))
    pre = sum(int((f["phase"] == "pre").sum()) for f in frames)
    post = sum(int((f["phase"] == "post").sum()) for f in frames)
    return (
        f"In {year}, {_n(sessions, 'session')} in "
        f"{_n(groups, 'school or group', 'schools and groups')} "
        f"{'was' if sessions == 1 else 'were'} surveyed before and after: "
        f"{_n(pre + post, 'response')} ({pre} before, {post} after)."
    )


def _priority_rows(parts: list[BoardPart], priority: str) -> list[tuple[BoardPart, pd.Series]]:
    """The shown scale rows of a priority, in each questionnaire's design (matched first)."""
    out = []
    for part in parts:
        rows = selection.group_rows(part.by_priority.comparison, priority)
        design = selection.pick_design(rows, "scale")
        shown = selection.measure_rows(rows, "scale", design)
        out += [(part, row) for _, row in shown.iterrows()]
    return out


def verdict_of(row: pd.Series) -> str:
    """ "better" or "worse" when chance is unlikely to explain the change, else "chance"."""
    p = wording.number(row.get("t_p_value"))
    judged = row.get("change_is")
    if p is not None and p < wording.SIGNIFICANCE and judged in ("better", "worse"):
        return str(judged)
    return "chance"


def _tally(found: dict[str, list]) -> str:
    status = {p: {verdict_of(row) for _, row in rows} for p, rows in found.items()}
    better = sum(1 for s in status.values() if s and "better" in s and "worse" not in s)
    worse = sum(1 for s in status.values() if s and "worse" in s and "better" not in s)
    both = sum(1 for s in status.values() if {"better", "worse"} <= s)
    chance = sum(1 for s in status.values() if s == {"chance"})
    none = sum(1 for s in status.values() if not s)
    said = [
        f"{better} show a change for the better that chance is unlikely to explain",
        f"{worse} a change for the worse that chance is unlikely to explain",
    ]
    if both:
        said.append(f"{both} changes both for the better and for the worse")
    said.append(f"{chance} only changes that could be chance")
    said.append(f"{none} {'has' if none == 1 else 'have'} no result that can be shown")
    return (
        f"Of the {len(found)} strategy priorities, " + ", ".join(said[:-1]) + f", and {said[-1]}."
    )


def _priority_sentence(priority: str, words: str, rows: list, parts: list[BoardPart]) -> str:
    if not rows:
        return f"{words}: {_why_none(parts, priority)}."
    sentences = []
    for part, row in rows:
        data = part.by_priority
        label = data.labels.get(row["measure"], row["measure"])
        if row.get("better") == "lower":
            label += " (a lower score is better)"
        prefix = f"{part.title}: " * (len(parts) > 1)
        sentences.append(f"{prefix}{label} {wording.movement(row)} {_who(row, data.people)}, "
                         f"{_judged(row)}")  # fmt: skip
    return f"{words}: " + " ".join(sentences)


def _who(row: pd.Series, people: str) -> str:
    if row["design"] == selection.MATCHED:
        return f"among {selection.base_of(row)} {people} who answered both times"
    return f"among everyone who answered ({int(row['n_pre'])} before, {int(row['n_post'])} after)"


def _judged(row: pd.Series) -> str:
    verdict = verdict_of(row)
    if verdict == "chance":
        return "a change that could be chance."
    return f"a change for the {verdict} that chance is unlikely to explain."


def _why_none(parts: list[BoardPart], priority: str) -> str:
    reasons = []
    for part in parts:
        rows = selection.group_rows(part.by_priority.comparison, priority)
        reasons += [r for r in rows.get("reason", []) if isinstance(r, str) and r]
    if not reasons:
        return "no questionnaire answered this year measures this priority"
    return "no result can be shown (" + "; ".join(dict.fromkeys(reasons)) + ")"


def _programmes(parts: list[BoardPart]) -> str:
    shown: set[str] = set()
    hidden: dict[str, str] = {}
    for part in parts:
        comparison = part.by_programme.comparison
        shown |= set(selection.shown_groups(comparison))
        hidden |= selection.suppressed_reasons(comparison)
    hidden = {name: why for name, why in hidden.items() if name not in shown}
    total = len(shown) + len(hidden)
    sentence = f"{len(shown)} of {_n(total, 'programme')} have results that can be shown"
    if hidden:
        listed = "; ".join(f"{name} ({why})" for name, why in sorted(hidden.items()))
        sentence += f"; not shown: {listed}"
    return sentence + "."


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"
