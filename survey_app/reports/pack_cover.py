"""The cover of a chart pack: who it is about, when, how many answered, and the headline.

A reader who sees only the cover should know the group, the period, the counts (responses
before and after, matched pairs and the match rate) and what changed, in the same sentences as
the headline table inside. Counts of responses may be shown; statistics only for shown rows
(`selection.visible`), so nothing below MIN_BASE reaches the cover.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from . import figures, selection, wording

DATE = "%d %B %Y"
KIND_WORDS = {"organisation": "School or group", "programme": "Programme",
              "priority": "Strategy priority"}  # fmt: skip


def lines(context: Any, name: str, parts: list) -> list[str]:
    """The cover's facts, each a line: the group; per questionnaire its sessions, period and
    counts; then when the pack was made, from which versions, and the rule for small groups."""
    out = [f"{KIND_WORDS[context.kind]}: {figures.group_title(context.kind, name)}."]
    for data, _group, _across in parts:
        mine = data.responses
        q = data.questionnaire
        sessions = mine["session_id"].nunique()
        out.append(
            f"{q.title.get(selection.language_of(q), q.id)}: {sessions} "
            f"session{'s' if sessions != 1 else ''} {period(mine['session_date'])}."
        )
        out.append(counts(mine, context.pairs))
    out.append(f"Made on {context.made_on:{DATE}}. {versions_line(parts)}")
    out.append(
        f"Results resting on fewer than {context.min_base} people are not shown; the pack says "
        "which and why."
    )
    return out


def headline(parts: list) -> list[str]:
    """The headline sentences of each questionnaire's scales, in the design the pack leads with
    (matched when shown), or why there is none."""
    out = []
    for data, group, _across in parts:
        rows = selection.group_rows(data.comparison, group)
        scales = rows[rows["measure_kind"] == "scale"]
        design = selection.pick_design(rows, "scale")
        shown = selection.visible(scales[scales["design"] == design])
        prefix = f"{data.questionnaire.title.get('en', data.questionnaire.id)}: " * (len(parts) > 1)
        sentences = [
            wording.readout(row, data.subjects.get(row["measure"], row["measure"]), data.people)
            for _, row in shown.iterrows()
        ]
        if not sentences:
            reasons = selection.suppressed_reasons(rows).values()
            sentences = [f"No result can be shown ({'; '.join(dict.fromkeys(reasons))})."]
        out += [prefix + sentence for sentence in sentences]
    return out


def period(dates: pd.Series) -> str:
    """ "on 02 March 2024" or "from 02 March 2024 to 14 May 2024"."""
    days = pd.to_datetime(dates)
    first, last = days.min(), days.max()
    if first == last:
        return f"on {first:{DATE}}"
    return f"from {first:{DATE}} to {last:{DATE}}"


def counts(responses: pd.DataFrame, pairs: pd.DataFrame | None) -> str:
    """ "24 responses (12 before, 12 after); 12 matched pairs, a match rate of 100%." """
    phases = responses["phase"].value_counts()
    pre, post = int(phases.get("pre", 0)), int(phases.get("post", 0))
    total = len(responses)
    said = f"{total} response{'s' if total != 1 else ''} ({pre} before, {post} after)"
    if not pre or not post:
        return said + "."
    matched = _pairs_among(pairs, responses["response_id"]) if pairs is not None else 0
    rate = matched / min(pre, post)
    return (
        f"{said}; {matched} matched pair{'s' if matched != 1 else ''}, a match rate of {rate:.0%}."
    )


def versions_line(parts: Iterable) -> str:
    used = sorted({(q.id, q.version) for data, _, _ in parts for q in data.versions})
    listed = ", ".join(f"{qid} version {v}" for qid, v in used)
    return f"Questionnaire versions: {listed}."


def _pairs_among(pairs: pd.DataFrame, response_ids: pd.Series) -> int:
    return int(pairs["pre_id"].isin(set(response_ids)).sum()) if len(pairs) else 0
