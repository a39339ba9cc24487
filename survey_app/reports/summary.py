"""A one-page summary of one session's or one school's results, for the school (issue 14 item 7).

The same comparison and suppression as the dashboard (`scoring.compare`, ADR 0029): matched and
unmatched side by side, the match rate, every hidden row with its true reason. The page lists
the scales (the dashboard has the questions); the PDF is one A4 page. Pure pandas and reportlab:
the caller loads the responses and decides who may see them.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

import pandas as pd

from ..questionnaire.schema import Questionnaire
from ..scoring.compare import compare
from ..scoring.matching import match_pairs
from . import pack_cover, selection, tables, wording
from .packs import CAUSAL_CAVEAT


@dataclass(frozen=True)
class Summary:
    """What one page says about one group: facts, the match rate, and its scale results."""

    title: str
    facts: tuple[str, ...]
    match_rate: str
    not_matched: str | None
    rows: tuple[dict, ...]  # tables.display_rows: scales, matched then unmatched
    table: tables.ChartTable  # the same rows, in short, for the PDF
    min_base: int


def summarise(
    responses: pd.DataFrame,
    versions: Sequence[Questionnaire],
    *,
    by: str,
    group: object,
    title: str,
    min_base: int,
) -> Summary | None:
    """The summary of one group (`by` "session" or "organisation"); None without answers
    before and after to compare."""
    if responses.empty:
        return None
    pairs = match_pairs(responses)
    comparison = compare(responses, versions, by=by, min_base=min_base, pairs=pairs)
    rows = selection.group_rows(comparison, str(group))
    scales = rows[rows["measure_kind"] == "scale"]
    if scales.empty:
        return None
    scales.attrs["min_base"] = min_base
    q = max(versions, key=lambda v: v.version)
    labels = selection.measure_labels(q)
    not_matched = selection.design_reason(scales, selection.MATCHED)
    rate = selection.match_rate(scales)
    rate_label = labels.get(rate.measure, rate.measure) if rate else ""
    people = selection.people_word(q)
    shown = tables.display_rows(scales, labels, selection.readout_subjects(q), people)
    return Summary(
        title=title,
        facts=(_when(responses, by), _counts(responses, pairs, min_base)),
        match_rate=wording.match_rate_words(rate, rate_label, not_matched),
        not_matched=not_matched,
        rows=tuple(shown),
        table=_short_table(shown),
        min_base=min_base,
    )


SHORT_COLUMNS = ("Scale", "Compared", "Before", "After", "Change (95% interval)", "p",
                 "Better or worse", "Based on")  # fmt: skip


def _short_table(rows: list[dict]) -> tables.ChartTable:
    """Each scale matched then unmatched, in numbers and one word: the page's words are
    longer than one A4 page holds for six scales."""
    body = []
    for r in rows:
        if r["suppressed"]:
            body.append((r["label"], r["design_label"], f"Not shown: {r['reason']}",
                         "", "", "", "", ""))  # fmt: skip
        else:
            change = f"{r['change']} ({r['interval']})"
            body.append((r["label"], r["design_label"], r["before"], r["after"], change, r["p"],
                         r["judged"], r["base"]))  # fmt: skip
    notes = ("Scores run from the lowest answer to the highest. Where the 95% interval includes "
             "0, the change could be chance.",)  # fmt: skip
    return tables.ChartTable("Results", SHORT_COLUMNS, tuple(body), notes)


def _when(responses: pd.DataFrame, by: str) -> str:
    sessions = "Session" if by == "session" else "Sessions"
    return f"{sessions} {pack_cover.period(responses['session_date'])}."


def _counts(responses: pd.DataFrame, pairs: pd.DataFrame, min_base: int) -> str:
    """The counts, only when each phase has MIN_BASE or more (as on the dashboard)."""
    phases = responses["phase"].value_counts()
    if min(int(phases.get("pre", 0)), int(phases.get("post", 0))) < min_base:
        return f"Counts not shown: {wording.fewer_than(min_base)} in a phase."
    return pack_cover.counts(responses, pairs)


def summary_pdf(summary: Summary, made_on: date) -> bytes:
    """One A4 page: title, facts, match rate, the scales' results in words, the caveat."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from . import pdf

    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=1.6 * cm,
        bottomMargin=1.6 * cm, title=summary.title, author="Cohesion surveys",
    )  # fmt: skip
    flow = [Paragraph(escape(summary.title), pdf.H1)]
    flow += [Paragraph(escape(line), pdf.BODY) for line in summary.facts]
    flow.append(Paragraph(escape(f"{summary.match_rate} {wording.MATCH_RATE_MEANING}"), pdf.BODY))
    widths = (0.2, 0.13, 0.07, 0.07, 0.2, 0.1, 0.09, 0.14)
    flow += pdf.table_flow(summary.table, [w * pdf.TEXT_WIDTH for w in widths])
    notes = (
        CAUSAL_CAVEAT,
        f"Results resting on {wording.fewer_than(summary.min_base)} are not shown, to keep "
        "every pupil's answers private. Nobody gave their name.",
        f"Made on {made_on:{pack_cover.DATE}}.",
    )
    flow += [Paragraph(escape(note), pdf.SMALL) for note in notes]
    doc.build(flow)
    return out.getvalue()
