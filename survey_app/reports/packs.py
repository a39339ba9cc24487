"""Chart packs: a PDF per organisation or programme for its people, and per programme or
strategy priority for the Community Safety Partnership Board.

`make_packs()` is pure apart from writing the files: it takes a responses frame (as
`reports.data.load_responses()` builds it) and the questionnaire versions, compares once per
questionnaire, and lays out each pack from slices of that comparison. A group whose every
result is suppressed gets no pack (its PackResult says why), so a group below MIN_BASE never has
its name on a cover.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..questionnaire.schema import PRIORITIES, Questionnaire
from ..scoring.compare import DEFAULT_YEAR_START, NO_PROGRAMME, compare
from ..scoring.matching import match_pairs
from . import charts, figures, pack_split, selection, tables, wording
from . import pack_cover as cover
from .feedback import FeedbackSummary, feedback_summary
from .figures import ReportData
from .free_text import FreeText

if TYPE_CHECKING:
    from . import pdf

# The functions that lay out a PDF import .pdf when first called: reportlab's page layout and
# its fonts take a fifth of a second, which every app start and CLI command would pay otherwise.

PACK_KINDS = ("organisation", "programme", "priority")
FORMATS = ("pdf", "html")  # html: one self-contained accessible page (reports/html_doc.py)
PACK_DPI = 120
METHOD = (
    "How answers are linked. Nobody gives a name. A pupil's answers before and after are linked "
    "by a random key kept on the device, or on shared tablets by a short code the pupil makes up "
    "from facts they know, matched exactly and then allowing one difference within the session. "
    "Unclear links are left unlinked. Results for people linked like this are called matched.",
    "Scores. Each answer counts as the value of its place on the answer scale; statements worded "
    "the other way round are turned round so that higher is better, and each result says "
    "whether its change was for the better or the worse (for a worry, fewer agreeing is "
    "better). 'Don't know' counts as "
    "no answer. A scale score is the mean of a person's answered statements in that scale, when "
    "at least half of them are answered.",
    "Tests. Matched: the Wilcoxon signed-rank test on the changes (exact for fewer than 50 pairs "
    "without ties or zero changes, otherwise the normal approximation with continuity "
    "correction), the paired t 95% interval of the mean change, and the size of change d_z. "
    "Not matched: the Mann-Whitney U test, Welch's 95% interval of the difference in means, and "
    "the rank-biserial correlation. Shares agreeing: Wilson 95% intervals, and Newcombe's hybrid "
    "score interval for the change. The words of each result, its 95% interval and the p printed "
    "with them come from one method, the t test of that interval (paired t or Welch); the rank "
    "test is in the data files.",
    "Size of change in words. d_z: below 0.2 very small, from 0.2 small, from 0.5 medium, from "
    "0.8 large. Rank-biserial: below 0.1 very small, from 0.1 small, from 0.3 medium, from 0.5 "
    "large (Cohen, 1988).",
)

# Stated beside the tests, where a reader decides what a change means (issue 14, item 10).
CAUSAL_CAVEAT = (
    "What a change can and cannot show. A before-and-after change cannot on its own be put down "
    "to the session: between the two surveys pupils also have other lessons, news, time to grow "
    "older and a second go at the same questions, and those who answer both times may differ "
    "from those who do not. Without a comparable group that did not take part, read a change as "
    "fitting (or not fitting) what the session set out to do, not as proof that it caused it."
)


@dataclass(frozen=True)
class PackResult:
    """One pack written (path and pages), or not written (path None and the reason)."""

    kind: str
    name: str
    path: Path | None
    pages: int = 0
    reason: str = ""


def suppression_note(min_base: int) -> str:
    return (
        f"Small groups. A result resting on fewer than {min_base} people (pairs when matched, "
        "otherwise the smaller of the before and after counts) is not shown: it carries no "
        "numbers and its group is listed with the reason (for example 'fewer than "
        f"{min_base} matched pairs', or 'no matched pairs'). Results resting "
        f"on fewer than {wording.LOW_BASE} people are marked 'read with care'."
    )


def make_packs(
    responses: pd.DataFrame,
    questionnaires: Iterable[Questionnaire],
    *,
    kind: str,
    out_dir: Path,
    names: Sequence[str] | None = None,
    min_base: int = 10,
    made_on: date | None = None,
    year_start: tuple[int, int] = DEFAULT_YEAR_START,
    fmt: str = "pdf",
    split_by: str | None = None,
) -> list[PackResult]:
    """Write one pack per named group of `kind` (every group when `names` is None) into
    `out_dir`, as PDF or as one HTML page (`fmt`); returns what was written, in name order,
    with page counts for benchmarks (1 for a page). A group with answers in two academic years
    or more also gets each scale's trend."""
    if kind not in PACK_KINDS:
        raise ValueError(f"kind must be one of {', '.join(PACK_KINDS)}, not {kind!r}")
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {', '.join(FORMATS)}, not {fmt!r}")
    versions = versions_present(responses, questionnaires)
    pack_split.check_split(split_by, versions.values())  # refused before any file is written
    pairs = match_pairs(responses) if len(responses) else None
    by_org = {qid: compare(_of(responses, qid), vs, by="organisation", min_base=min_base,
                           pairs=pairs) for qid, vs in versions.items()}  # fmt: skip
    wanted = sorted(names) if names is not None else _all_names(responses, kind)
    made_on = made_on or date.today()
    written: set[str] = set()
    results = []
    for name in wanted:
        context = _PackContext(
            responses, versions, by_org, pairs, min_base, made_on, kind, year_start, fmt, split_by
        )
        results.append(_one_pack(context, name, out_dir, written))
    return results


@dataclass(frozen=True)
class _PackContext:
    responses: pd.DataFrame
    versions: dict[str, list[Questionnaire]]
    by_org: dict[str, pd.DataFrame]
    pairs: pd.DataFrame | None
    min_base: int
    made_on: date
    kind: str
    year_start: tuple[int, int] = DEFAULT_YEAR_START
    fmt: str = "pdf"
    split_by: str | None = None  # "language" or "answer:ITEM": a section split by it


def _one_pack(c: _PackContext, name: str, out_dir: Path, written: set[str]) -> PackResult:
    parts = list(_parts(c, name))
    if not parts:
        return PackResult(c.kind, name, None, 0, "no responses")
    # One-off feedback forms: counts only, never the words people wrote (ADR 0034).
    summaries = {id(data): feedback_summary(data.responses, data.versions, c.min_base,
                                       FreeText(included=False))
            for data, _, _ in parts if data.questionnaire.single_phase}  # fmt: skip
    feedback = {key: found for key, found in summaries.items() if found.counted}
    compared = [part for part in parts if not part[0].questionnaire.single_phase]
    if summaries and not feedback and not compared:
        return PackResult(
            c.kind, name, None, 0, f"each session has {wording.fewer_than(c.min_base)}"
        )
    if not feedback and all(data.comparison.empty for data, _, _ in compared):
        return PackResult(c.kind, name, None, 0, "no before-and-after answers to compare")
    if not feedback and not any(selection.shown_groups(data.comparison) for data, _, _ in compared):
        reasons = [selection.suppressed_reasons(data.comparison) for data, _, _ in compared]
        said = "; ".join(dict.fromkeys(r for each in reasons for r in each.values()))
        return PackResult(c.kind, name, None, 0, said or wording.fewer_than(c.min_base))
    title = f"Cohesion survey results: {figures.group_title(c.kind, name)}"
    footer = f"{title}. Made on {c.made_on:%d %B %Y}."
    document = new_document(c.fmt, title, cover.lines(c, name, parts), footer,
                            cover_headline=cover.headline(parts))  # fmt: skip
    for data, group, across in parts:
        if id(data) in feedback:
            _feedback_section(document, data.questionnaire, feedback[id(data)])
        elif not data.questionnaire.single_phase:
            _questionnaire_section(document, data, group, across, _trend(c, data, name))
            if c.split_by is not None and pack_split.splits(c.split_by, data.versions):
                pack_split.split_section(document, data, c.split_by, c.pairs)
    method_section(document, "Method", c.min_base, cover.versions_line(parts))
    path = out_dir / _file_name(c.kind, name, written, c.fmt)
    return PackResult(c.kind, name, path, write_document(document, path))


def new_document(fmt: str, title: str, cover_lines: list[str], footer: str, **more):
    """An empty PDF or HTML document: both take the same calls (heading, text, table...)."""
    if fmt == "html":
        from . import html_doc

        return html_doc.HtmlDocument(title, cover_lines, footer, **more)
    from . import pdf

    return pdf.PackDocument(title, cover_lines, footer, **more)


def write_document(document, path: Path) -> int:
    """Write a document made by `new_document`; returns its pages."""
    if getattr(document, "image_format", "") == "png":
        from . import html_doc

        return html_doc.write(document, path)
    from . import pdf

    return pdf.write(document, path)


def method_section(document, heading: str, min_base: int, versions: str) -> None:
    """How the results were made, what a change cannot show, and the rule for small groups."""
    document.new_page()
    document.heading(heading)
    for paragraph in (*METHOD, CAUSAL_CAVEAT, suppression_note(min_base), versions):
        document.text(paragraph)


def _parts(c: _PackContext, name: str):
    """For each questionnaire: (its report data, the group to draw, data across organisations)."""
    for qid, versions in c.versions.items():
        responses = _of(c.responses, qid)
        if c.kind == "organisation":
            data = ReportData(responses, versions, c.by_org[qid], "organisation", c.min_base)
            if (responses["organisation"].astype(str) == name).any():
                yield _restricted(data, name), name, None
            continue
        if c.kind == "programme":
            mine = responses.loc[responses["programme"].fillna(NO_PROGRAMME) == name]
            if mine.empty:
                continue
            own = compare(mine, versions, by="programme", min_base=c.min_base, pairs=c.pairs)
            orgs = compare(mine, versions, by="organisation", min_base=c.min_base, pairs=c.pairs)
            across = ReportData(mine, versions, orgs, "organisation", c.min_base)
            yield ReportData(mine, versions, own, "programme", c.min_base), name, across
            continue
        own = compare(responses, versions, by="priority", min_base=c.min_base, pairs=c.pairs)
        if name not in set(own["group"]):
            continue
        keep = selection.priority_measures(max(versions, key=lambda q: q.version), name)
        orgs = selection.keep_measures(c.by_org[qid], keep)
        across = ReportData(responses, versions, orgs, "organisation", c.min_base)
        yield ReportData(responses, versions, own, "priority", c.min_base), name, across


def _restricted(data: ReportData, name: str) -> ReportData:
    """One organisation's slice of the all-organisations comparison (computed once)."""
    rows = selection.group_rows(data.comparison, name)
    mine = selection.responses_of_group(data.responses, "organisation", name)
    return ReportData(mine, data.versions, rows, data.by, data.min_base)


def _trend(c: _PackContext, data: ReportData, name: str) -> figures.Drawn | None:
    """The group's scales year by year, from the same responses as its section (a priority's
    measures only); None within one academic year."""
    by_year = compare(data.responses, data.versions, by="year", min_base=c.min_base,
                      pairs=c.pairs, year_start=c.year_start)  # fmt: skip
    if c.kind == "priority":
        by_year = selection.keep_measures(by_year, selection.priority_measures(data.questionnaire,
                                                                               name))  # fmt: skip
    return figures.trend(ReportData(data.responses, data.versions, by_year, "year", c.min_base))


def _questionnaire_section(
    doc: pdf.PackDocument, data: ReportData, group: str, across, trend: figures.Drawn | None
) -> None:
    from . import pdf

    q = data.questionnaire
    doc.new_page()
    doc.heading(q.title.get(selection.language_of(q), q.id))
    rows = selection.group_rows(data.comparison, group)
    scales = rows[rows["measure_kind"] == "scale"]
    doc.heading("Headline results", level=2)
    not_matched = selection.design_reason(rows, selection.MATCHED)
    if not_matched:
        doc.text(f"Matched results not shown: {not_matched}.")
    rate = selection.match_rate(rows)
    label = data.labels.get(rate.measure, rate.measure) if rate else ""
    doc.text(f"{wording.match_rate_words(rate, label, not_matched)} {wording.MATCH_RATE_MEANING}")
    # Matched and unmatched side by side, each labelled in its Design cell.
    headline = tables.headline_table(scales, q, data.labels, data.min_base)
    doc.table(headline, [w * pdf.TEXT_WIDTH for w in (0.22, 0.12, 0.14, 0.52)])
    drawn = [figures.scale_means(data, group), figures.agreement(data, group)]
    drawn += [figures.answers(data, group, s) for s in figures.answer_sets(q)]
    if across is not None:
        measures = [m for m in q.scales if m in set(across.comparison["measure"])]
        drawn += [figures.across_groups(across, m) for m in measures]
    drawn.append(trend)
    for item in drawn:
        if item is not None:
            doc.chart(block(item, doc.image_format))


def _feedback_section(doc: pdf.PackDocument, q: Questionnaire, found: FeedbackSummary) -> None:
    """A one-off feedback form: how many gave each answer, by type of respondent where shown."""
    doc.new_page()
    doc.heading(q.title.get(selection.language_of(q), q.id))
    doc.text(f"{found.counted} responses from {found.sessions} session"
             f"{'s' if found.sessions != 1 else ''}. {found.left_out or ''}")  # fmt: skip
    if found.type_note:
        doc.text(found.type_note)
    for table in found.tables:
        doc.heading(table.caption, level=2)
        doc.table(table)


def block(drawn: figures.Drawn, image_format: str = "jpeg") -> pdf.ChartBlock:
    """A drawn chart as a document's block: JPEG for a PDF, PNG for an HTML page."""
    from . import pdf

    figure = drawn.figure
    if figure is None:
        raise ValueError("a pack needs the chart drawn, not only its table")
    size = (round(figure.get_figwidth() * PACK_DPI), round(figure.get_figheight() * PACK_DPI))
    # JPEG for a PDF, because reportlab embeds it as it is (a PNG it would decode and compress
    # again); PNG for a page, where text in a chart stays sharp. The heading is its title.
    encode = charts.to_png if image_format == "png" else charts.to_jpeg
    image = encode(charts.without_title(figure), dpi=PACK_DPI)
    charts.close(figure)
    return pdf.ChartBlock(drawn.table.caption, image, size, drawn.table)


def versions_present(
    responses: pd.DataFrame, questionnaires: Iterable[Questionnaire]
) -> dict[str, list[Questionnaire]]:
    present = set(responses["questionnaire_id"]) if len(responses) else set()
    found: dict[str, list[Questionnaire]] = {}
    for q in questionnaires:
        if q.id in present:
            found.setdefault(q.id, []).append(q)
    return dict(sorted(found.items()))


def _of(responses: pd.DataFrame, questionnaire_id: str) -> pd.DataFrame:
    return responses.loc[responses["questionnaire_id"] == questionnaire_id]


def _all_names(responses: pd.DataFrame, kind: str) -> list[str]:
    if kind == "organisation":
        return sorted(set(responses["organisation"].astype(str)))
    if kind == "programme":
        return sorted(set(responses["programme"].fillna(NO_PROGRAMME).astype(str)))
    return list(PRIORITIES)


def _file_name(kind: str, name: str, written: set[str], fmt: str = "pdf") -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "group"
    stem, n = f"{kind}-{slug}", 2
    candidate = stem
    while candidate in written:
        candidate, n = f"{stem}-{n}", n + 1
    written.add(candidate)
    return f"{candidate}.{fmt}"
