"""The Board report: one document for the Community Safety Partnership Board about one
academic year, as a PDF or one accessible HTML page.

It covers the four strategy priorities, every programme and the trend, after an executive
summary in plain words (board_summary.py), with the council's name and logo on the cover and
the packs' method page with its limits. It is laid out with the packs' machinery (packs.py,
pdf.py, html_doc.py) from comparisons made once per questionnaire, and everything it prints
passes through `selection.visible`: a group below MIN_BASE is listed only by name, with its
true reason. One-off feedback forms are left to their own packs: they have no before and after.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from ..questionnaire.schema import PRIORITIES, Questionnaire
from ..scoring.compare import compare
from ..scoring.matching import match_pairs
from ..scoring.periods import in_academic_year, up_to_academic_year
from . import board_summary, figures, packs, selection, tables, wording
from . import pack_cover as cover
from .figures import ReportData
from .logo import Logo
from .tables import ChartTable

BOARD = "Community Safety Partnership Board"


@dataclass(frozen=True)
class BoardSettings:
    """What the report is about and who makes it (from the app's settings)."""

    year: str  # "2026/27"
    year_start: tuple[int, int]
    min_base: int
    council: str = ""
    logo: Logo | None = None
    made_on: date | None = None


@dataclass(frozen=True)
class BoardResult:
    path: Path | None
    pages: int = 0
    reason: str = ""


@dataclass(frozen=True)
class BoardPart:
    """One before-and-after questionnaire's comparisons for the year, made once."""

    by_priority: ReportData
    by_programme: ReportData
    by_organisation: ReportData
    trend: figures.Drawn | None

    @property
    def questionnaire(self) -> Questionnaire:
        return self.by_priority.questionnaire

    @property
    def title(self) -> str:
        q = self.questionnaire
        return q.title.get(selection.language_of(q), q.id)


def make_board_report(
    responses: pd.DataFrame,
    questionnaires: Iterable[Questionnaire],
    settings: BoardSettings,
    path: Path,
    fmt: str = "pdf",
) -> BoardResult:
    """Write the Board report for `settings.year` to `path`; or say why there is none."""
    dates = responses["session_date"] if len(responses) else pd.Series(dtype=object)
    year = responses.loc[in_academic_year(dates, settings.year_start, settings.year)]
    earlier = responses.loc[up_to_academic_year(dates, settings.year_start, settings.year)]
    parts = board_parts(year, earlier, questionnaires, settings)
    if not parts:
        return BoardResult(None, 0, f"there are no before-and-after answers in {settings.year}")
    made_on = settings.made_on or date.today()
    title = f"Cohesion surveys {settings.year}: report to the {BOARD}"
    document = packs.new_document(
        fmt, title, _cover_lines(parts, settings, made_on), f"{title}. Made on {made_on:%d %B %Y}.",
        council=settings.council, logo=settings.logo,
    )  # fmt: skip
    document.new_page()
    document.heading("Executive summary")
    for sentence in board_summary.summary(parts, settings.year, settings.min_base):
        document.text(sentence)
    for priority, words in PRIORITIES.items():
        _priority_section(document, parts, priority, words)
    _programme_section(document, parts)
    _trend_section(document, parts, settings.year)
    _not_shown_section(document, parts)
    versions = cover.versions_line((p.by_priority, None, None) for p in parts)
    packs.method_section(document, "Method and its limits", settings.min_base, versions)
    return BoardResult(path, packs.write_document(document, path))


def board_parts(
    year: pd.DataFrame,
    earlier: pd.DataFrame,
    questionnaires: Iterable[Questionnaire],
    settings: BoardSettings,
) -> list[BoardPart]:
    """Each before-and-after questionnaire answered in the year, compared by priority,
    programme and school or group; its trend year by year up to the year when there are two
    years or more, else term by term within it."""
    out = []
    pairs = match_pairs(year) if len(year) else None
    for qid, versions in packs.versions_present(year, questionnaires).items():
        if max(versions, key=lambda q: q.version).single_phase:
            continue
        mine = year.loc[year["questionnaire_id"] == qid]
        data = {by: ReportData(mine, versions, compare(mine, versions, by=by, pairs=pairs,
                                                       min_base=settings.min_base),
                               by, settings.min_base)
                for by in ("priority", "programme", "organisation")}  # fmt: skip
        before = earlier.loc[earlier["questionnaire_id"] == qid]
        trend = _trend(before, versions, settings) or _trend(mine, versions, settings, "term")
        out.append(BoardPart(data["priority"], data["programme"], data["organisation"], trend))
    return out


def _trend(responses, versions, settings: BoardSettings, by: str = "year"):
    periods = compare(responses, versions, by=by, min_base=settings.min_base,
                      year_start=settings.year_start)  # fmt: skip
    return figures.trend(ReportData(responses, versions, periods, by, settings.min_base))


def _cover_lines(parts: list[BoardPart], settings: BoardSettings, made_on: date) -> list[str]:
    out = [f"For the {BOARD}: the academic year {settings.year}."]
    for part in parts:
        mine = part.by_priority.responses
        sessions = mine["session_id"].nunique()
        out.append(f"{part.title}: {sessions} session{'s' if sessions != 1 else ''} "
                   f"{cover.period(mine['session_date'])}.")  # fmt: skip
        out.append(cover.counts(mine, match_pairs(mine)))
    out.append(f"Made on {made_on:{cover.DATE}}.")
    out.append(f"Results resting on fewer than {settings.min_base} people are not shown; the "
               "report says which and why.")  # fmt: skip
    return out


def _priority_section(document, parts: list[BoardPart], priority: str, words: str) -> None:
    document.new_page()
    document.heading(f"Strategy priority: {words}")
    found = False
    for part in parts:
        data = part.by_priority
        rows = selection.group_rows(data.comparison, priority)
        scales = rows[rows["measure_kind"] == "scale"]
        if scales.empty:
            continue
        found = True
        if len(parts) > 1:
            document.heading(part.title, level=2)
        rate = selection.match_rate(rows)
        label = data.labels.get(rate.measure, rate.measure) if rate else ""
        not_matched = selection.design_reason(rows, selection.MATCHED)
        document.text(wording.match_rate_words(rate, label, not_matched))
        document.table(_captioned(tables.headline_table(scales, data.questionnaire, data.labels,
                                                        data.min_base), words))  # fmt: skip
        _chart(document, figures.scale_means(data, priority))
    if not found:
        document.text("No questionnaire answered this year measures this priority.")


def _programme_section(document, parts: list[BoardPart]) -> None:
    document.new_page()
    document.heading("Programmes")
    for part in parts:
        data = part.by_programme
        if len(parts) > 1:
            document.heading(part.title, level=2)
        for programme in sorted(set(data.comparison["group"].astype(str))):
            rows = selection.group_rows(data.comparison, programme)
            scales = rows[rows["measure_kind"] == "scale"]
            table = tables.headline_table(scales, data.questionnaire, data.labels, data.min_base)
            document.heading(f"Programme: {programme}", level=2)
            document.table(_captioned(table, programme))
        for measure in data.questionnaire.scales:
            _chart(document, figures.across_groups(data, measure))


def _trend_section(document, parts: list[BoardPart], year: str) -> None:
    document.new_page()
    document.heading("Trend")
    for part in parts:
        if len(parts) > 1:
            document.heading(part.title, level=2)
        if part.trend is None:
            document.text(
                f"There is no trend to show yet: the answers up to {year} fall in one academic "
                "year and one term, or the other periods are too small."
            )
        else:
            _chart(document, part.trend)


def _not_shown_section(document, parts: list[BoardPart]) -> None:
    """Every school or group with no result that may be shown, and the true reason."""
    document.heading("Schools and groups whose results are not shown")
    for part in parts:
        hidden = selection.suppressed_reasons(part.by_organisation.comparison)
        shown = len(selection.shown_groups(part.by_organisation.comparison))
        prefix = f"{part.title}: " * (len(parts) > 1)
        document.text(f"{prefix}{shown} school{'s' if shown != 1 else ''} or groups have results "
                      f"that can be shown; {len(hidden)} not.")  # fmt: skip
        if hidden:
            rows = tuple((name, reason) for name, reason in hidden.items())
            document.table(ChartTable(f"{prefix}Schools and groups not shown",
                                      ("School or group", "Why not shown"), rows))  # fmt: skip


def _captioned(table: ChartTable, subject: str) -> ChartTable:
    return ChartTable(f"Headline results: {subject}", table.columns, table.rows, table.notes)


def _chart(document, drawn: figures.Drawn | None) -> None:
    if drawn is not None:
        document.chart(packs.block(drawn, document.image_format))
