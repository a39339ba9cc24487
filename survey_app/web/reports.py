"""Officer pages: the dashboard, chart images, and downloads (CSV, XLSX, PDF pack).

Every URL takes the dashboard's filters as its query string, so a chart or a download is always
the one the officer was looking at. Each download is logged (who, what, which filters).
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_login import current_user

from ..auth.roles import REPORT_READERS, roles_required
from ..questionnaire.startup import registry_of
from ..reports import (
    cache,
    charts,
    comparison_sheet,
    excel_safe,
    export_bundle,
    exports,
    feedback,
    figures,
    packs,
    selection,
    service,
    spss,
    tables,
    wording,
)
from ..reports.filtering import ReportFilters, organisation_names, programme_names
from ..reports.free_text import for_officers
from ..reports.summary import summarise, summary_pdf
from ..reports.wording import fewer_than
from ..safeguarding.scope import STATUS_WORDS, counts_by_status
from ..scoring.periods import parse_year_start
from ..scoring.splits import answer_item_id
from .report_forms import filter_form

bp = Blueprint("reports", __name__, url_prefix="/reports")
CHART_TYPES = {"png": "image/png", "svg": "image/svg+xml"}
MAX_GROUP_CHARTS = 4  # beyond this, the page shows the across-groups charts only
DOCUMENT_TYPES = {"pdf": "application/pdf", "html": "text/html; charset=utf-8"}
MIMETYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
    "sav": "application/x-spss-sav",
}


class Problem(Exception):
    """A request that cannot be met, explained on a page with a way back to the dashboard."""

    def __init__(self, status: int, title: str, message: str):
        super().__init__(message)
        self.status, self.title, self.message = status, title, message


@bp.errorhandler(Problem)
def _problem(exc: Problem):
    return render_template("reports/problem.html", title=exc.title, message=exc.message), exc.status


@bp.route("/")
@roles_required(*REPORT_READERS)
def dashboard():
    form = _form()
    if not form.validate():
        return render_template(
            "reports/dashboard.html", form=form, report=None,
            board_years=board_report.year_choices(),
        ), 400  # fmt: skip
    report = report_for(form.filters())
    return render_template(
        "reports/dashboard.html",
        form=form,
        report=report,
        groups=_group_sections(report),
        across=_across_sections(report),
        trend=_chart(report, "trend"),
        feedback=_feedback(report),
        headline=_headline(report),
        args=report.filters.as_log(),
        min_base=_min_base(),
        fewer=fewer_than(_min_base()),
        by_heading=form.by_heading(),
        match_rate_meaning=wording.MATCH_RATE_MEANING,
        split_note=wording.split_note,
        # That concerns exist, by status, in the sessions shown: never their text.
        concerns=counts_by_status(s.session_id for s in report.sessions),
        status_words=STATUS_WORDS,
        board_years=board_report.year_choices(),
    )


@bp.route("/chart/<kind>.<fmt>")
@roles_required(*REPORT_READERS)
def chart(kind: str, fmt: str):
    if kind not in figures.KINDS or fmt not in CHART_TYPES:
        abort(404)
    report = _report_or_400()
    drawn = _drawn(report, kind, request.args)
    if drawn is None or drawn.figure is None:
        raise Problem(
            404,
            "There is no chart to show",
            f"It would rest on {fewer_than(_min_base())}, or on none.",
        )
    body = charts.to_png(drawn.figure) if fmt == "png" else charts.to_svg(drawn.figure)
    charts.close(drawn.figure)
    response = Response(body, mimetype=CHART_TYPES[fmt])
    if request.args.get("download"):
        what = f"chart:{kind}:{fmt}"
        return _download(response, what, f"{kind}.{fmt}", _chart_args(report.filters))
    return response


@bp.route("/download/responses.<fmt>")
@roles_required(*REPORT_READERS)
def download_responses(fmt: str):
    if fmt not in ("csv", "xlsx", "zip", "sav"):
        abort(404)
    report = _report_or_400()
    data = report.data
    # Free text goes to officers and admins only (this blueprint admits no one else), masked,
    # and without the answers a safeguarding lead has still to review.
    free_text = for_officers(data.responses)
    if fmt == "csv":
        layout = "long" if request.args.get("layout") == "long" else "wide"
        body = exports.responses_csv(
            data.responses,
            data.versions,
            layout=layout,
            free_text=free_text,
            min_base=data.min_base,
        )
        response = Response(body, mimetype="text/csv; charset=utf-8")
        return _download(
            response,
            f"export:csv:{layout}",
            f"responses-{layout}.csv",
            {"layout": layout} | report.filters.as_log(),
        )
    notes = [f"Filters: {_describe(report.filters)}"]
    if fmt == "sav":
        body = spss.responses_sav(
            data.responses, data.versions, free_text=free_text, min_base=data.min_base, notes=notes
        )
    else:
        build = export_bundle.responses_zip if fmt == "zip" else exports.responses_xlsx
        body = build(
            data.responses,
            data.versions,
            data.comparison,
            free_text=free_text,
            min_base=data.min_base,
            notes=notes,
        )
    mimetype = MIMETYPES[fmt]
    return _download(
        Response(body, mimetype=mimetype),
        f"export:{fmt}",
        f"responses.{fmt}",
        report.filters.as_log(),
    )


@bp.route("/download/comparison.csv")
@roles_required(*REPORT_READERS)
def download_comparison():
    report = _report_or_400()
    data = report.data
    sheet = comparison_sheet.comparison_sheet(data.comparison, data.versions)
    first = comparison_sheet.empty_reason(data.comparison, data.min_base)
    response = Response(excel_safe.to_csv(sheet, first), mimetype="text/csv; charset=utf-8")
    return _download(response, "export:comparison", "comparison.csv", report.filters.as_log())


@bp.route("/download/pack.<fmt>")
@roles_required(*REPORT_READERS)
def download_pack(fmt: str):
    if fmt not in DOCUMENT_TYPES:
        abort(404)
    report = _report_or_400()
    f = report.filters
    kind, name = _pack_subject(f)
    with tempfile.TemporaryDirectory() as folder:
        result = packs.make_packs(
            report.data.responses,
            report.data.versions,
            kind=kind,
            names=[name],
            out_dir=Path(folder),
            min_base=report.data.min_base,
            year_start=_year_start(),
            fmt=fmt,
            split_by=_pack_split(f.by),
        )[0]
        if result.path is None:
            raise Problem(404, "There is no pack to make", f"{name}: {result.reason}.")
        body = result.path.read_bytes()
    response = Response(body, mimetype=DOCUMENT_TYPES[fmt])
    what = f"pack:{kind}" if fmt == "pdf" else f"pack:{kind}:html"
    return _download(response, what, result.path.name, f.as_log())


@bp.route("/download/summary.pdf")
@roles_required(*REPORT_READERS)
def download_summary():
    """One school's or group's results on one page, for the school (as a facilitator gets for
    their own session)."""
    report = _report_or_400()
    f = report.filters
    if not f.organisation:
        raise Problem(400, "Choose a school or group", "Choose a school or group, then download "
                      "its one-page summary.")  # fmt: skip
    found = summarise(report.data.responses, report.data.versions, by="organisation",
                      group=f.organisation, title=f"{f.organisation}: results",
                      min_base=report.data.min_base)  # fmt: skip
    if found is None:
        raise Problem(404, "There is no summary to make", "These answers have no before and after.")
    response = Response(summary_pdf(found, date.today()), mimetype="application/pdf")
    return _download(response, "summary:organisation", "summary.pdf", f.as_log())


def _pack_split(by: str) -> str | None:
    """The dashboard's "Compare by" a pack carries: a split by language or by an answer (the
    other choices are what the pack is already about)."""
    return by if by == "language" or answer_item_id(by) is not None else None


def _pack_subject(f: ReportFilters) -> tuple[str, str]:
    if f.organisation:
        return "organisation", f.organisation
    if f.programme:
        return "programme", f.programme
    if f.priority:
        return "priority", f.priority
    raise Problem(
        400,
        "Choose what the pack is about",
        "Choose a school or group, a programme or a priority, then download the pack.",
    )


def _form():
    return filter_form(
        request.args, registry_of(current_app), organisation_names(), programme_names()
    )


def _report_or_400() -> service.Report:
    form = _form()
    if not form.validate():
        problems = "; ".join(e for errors in form.errors.values() for e in errors)
        raise Problem(400, "Check the filters", f"{problems}.")
    return report_for(form.filters())


def report_for(filters: ReportFilters) -> service.Report:
    """The report for these filters, reused by the page's chart requests while data is unchanged."""
    key = (filters, _min_base(), cache.fingerprint(filters.questionnaire))
    registry = registry_of(current_app)
    return cache.cached(
        current_app,
        key,
        lambda: service.build_report(filters, registry, _min_base(), _year_start()),
    )


def _year_start() -> tuple[int, int]:
    return parse_year_start(current_app.config["ACADEMIC_YEAR_START"])


def _min_base() -> int:
    return int(current_app.config["MIN_BASE"])


def _drawn(report: service.Report, kind: str, args, draw: bool = True):
    data, group = report.data, args.get("group", "")
    if kind == "scale-means":
        return figures.scale_means(data, group, draw=draw)
    if kind == "agreement":
        return figures.agreement(data, group, draw=draw)
    if kind == "answers":
        return figures.answers(data, group, args.get("answers", ""), draw=draw)
    if kind == "trend":
        return figures.trend(data, draw=draw)
    return figures.across_groups(data, args.get("measure", ""), draw=draw)


def _download(response: Response, what: str, filename: str, filters: dict) -> Response:
    service.log_download(what, filters, current_user.id)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _chart_args(f: ReportFilters) -> dict:
    extra = {k: request.args[k] for k in ("group", "measure", "answers") if k in request.args}
    return f.as_log() | extra


def _describe(f: ReportFilters) -> str:
    return ", ".join(f"{k} = {v}" for k, v in f.as_log().items())


def _chart(report: service.Report, kind: str, **params) -> dict | None:
    """What the page needs for one chart: its table, and URLs for the image and downloads."""
    drawn = _drawn(report, kind, params, draw=False)
    if drawn is None:
        return None
    args = report.filters.as_log() | params
    urls = {fmt: url_for("reports.chart", kind=kind, fmt=fmt, **args) for fmt in CHART_TYPES}
    downloads = {
        fmt: url_for("reports.chart", kind=kind, fmt=fmt, download=1, **args) for fmt in CHART_TYPES
    }
    return {"table": drawn.table, "src": urls["png"], "downloads": downloads, "kind": kind}


def _group_sections(report: service.Report) -> list[dict]:
    groups = selection.shown_groups(report.data.comparison)
    if len(groups) > MAX_GROUP_CHARTS:
        return []
    sections = []
    for group in groups:
        found = [
            _chart(report, "scale-means", group=group),
            _chart(report, "agreement", group=group),
        ]
        found += [
            _chart(report, "answers", group=group, answers=name)
            for name in figures.answer_sets(report.data.questionnaire)
        ]
        sections.append(
            {"title": report.data.group_title(group), "charts": [c for c in found if c]}
        )
    return sections


def _across_sections(report: service.Report) -> list[dict]:
    comparison = report.data.comparison
    if report.filters.by == "priority" or comparison["group"].nunique() < 2:
        return []
    if report.filters.by in figures.TIME_GROUPINGS:  # the trend chart shows them in time order
        return []
    scales = comparison.loc[comparison["measure_kind"] == "scale", "measure"].unique()
    return [c for c in (_chart(report, "across-groups", measure=m) for m in scales) if c]


def _feedback(report: service.Report) -> feedback.FeedbackSummary | None:
    """The summary of a one-off feedback form's answers (None for a before-and-after one)."""
    data = report.data
    if not data.questionnaire.single_phase:
        return None
    return feedback.feedback_summary(
        data.responses, data.versions, data.min_base, for_officers(data.responses)
    )


def _headline(report: service.Report) -> list[dict]:
    """Per group, the rows an officer reads first, with readouts; suppressed rows say so."""
    data = report.data
    return [
        _headline_group(data, group) for group in sorted(set(data.comparison["group"].astype(str)))
    ]


def _headline_group(data: figures.ReportData, group: object) -> dict:
    """One group's rows, matched and unmatched side by side, with its match rate in words."""
    rows = selection.group_rows(data.comparison, str(group))
    not_matched = selection.design_reason(rows, selection.MATCHED)
    rate = selection.match_rate(rows)
    label = data.labels.get(rate.measure, rate.measure) if rate else ""
    return {
        "title": data.group_title(group),
        "not_matched": not_matched,
        "match_rate": wording.match_rate_words(rate, label, not_matched),
        "low_match_rate": bool(rate and rate.low),
        "rows": tables.display_rows(rows, data.labels, data.subjects, data.people),
    }


# The Board report's routes live beside the dashboard's, on this blueprint.
from . import board_report  # noqa: E402
