"""PRE/POST charts with matplotlib: pictures an officer can paste into a Board paper.

Four kinds, each drawn from the shown rows that its table (tables.py) prints beside it:
(a) `scale_means_chart`: mean before and after per scale, and the change with its 95% interval;
(b) `distribution_chart`: diverging stacked bars of the answers before and after, per question;
(c) `agreement_chart`: the share agreeing before and after, with Wilson 95% intervals;
(d) `across_groups_chart`: the change per school or project, sorted; groups too small to show are
    named under the chart and never plotted;
(e) `trend_chart`: each scale's change across academic years (or terms), in time order; a period
    with nothing to show is on the axis without a mark and named under the chart.

Colours: Okabe-Ito blue (dark) for "before" and orange (light) for "after", with different
markers, so the pair reads in greyscale and for colour-blind readers; the answer scale uses
ColorBrewer PuOr, whose ends are darker than its middle, with lower answers left of zero.

Figures are built with the object-oriented API (matplotlib.figure.Figure, no pyplot state), so
nothing is kept between requests: a figure is freed when its last reference goes, and
`close()` clears it at once. Sizes are fixed (no tight bounding box), so a chart's pixel size
follows from its number of rows (`size_px`).
"""

from __future__ import annotations

import io
import textwrap
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import wording as w
from .selection import PHASE_WORDS, base_of

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@cache
def _matplotlib() -> ModuleType:
    """matplotlib, imported on the first chart: its 0.6 s would otherwise slow every start of
    the app, the pupil's workers and each CLI command, none of which draws."""
    import matplotlib

    matplotlib.use("Agg")  # no display on a server; must precede any pyplot import anywhere
    import matplotlib.figure
    import matplotlib.transforms

    return matplotlib


BEFORE, AFTER, CHANGE = "#0072B2", "#E69F00", "#000000"
BEFORE_MARK, AFTER_MARK = "o", "^"
DIVERGING = ("#5E3C99", "#B2ABD2", "#F7F7F7", "#FDB863", "#E66101")
WIDTH_IN, DPI = 10.0, 100
TOP_IN, BOTTOM_IN, ROW_IN, MIN_PLOT_IN = 0.9, 0.9, 0.5, 1.5
NOTE_LINE_IN = 0.22
RIGHT_IN = 0.9  # room for "n = 1234" beside each row
BASE_FONT = 10


TITLE_GID, SUBTITLE_GID = "chart-title", "chart-subtitle"


def chart_height(rows: int, note_lines: int = 0) -> float:
    """Figure height in inches for a chart with this many rows (and note lines under it)."""
    return TOP_IN + BOTTOM_IN + max(MIN_PLOT_IN, ROW_IN * rows) + NOTE_LINE_IN * note_lines


def size_px(rows: int, note_lines: int = 0, dpi: int = DPI) -> tuple[int, int]:
    """The (width, height) in pixels of a PNG of such a chart."""
    return round(WIDTH_IN * dpi), round(chart_height(rows, note_lines) * dpi)


def to_png(figure: Figure, dpi: int = DPI) -> bytes:
    """The figure as PNG bytes, at a fixed size (no tight bounding box, so sizes are known)."""
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=dpi, metadata={"Software": None})
    return out.getvalue()


def to_jpeg(figure: Figure, dpi: int = DPI) -> bytes:
    """The figure as a high-quality JPEG: PDF packs embed it as it is, without re-encoding."""
    out = io.BytesIO()
    figure.savefig(out, format="jpeg", dpi=dpi, pil_kwargs={"quality": 92})
    return out.getvalue()


def to_svg(figure: Figure) -> bytes:
    """The figure as SVG with real text elements, so names and numbers are searchable."""
    out = io.BytesIO()
    with _matplotlib().rc_context({"svg.fonttype": "none", "svg.hashsalt": "cohesion"}):
        figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def close(figure: Figure) -> None:
    """Free a figure's artists now rather than at garbage collection."""
    figure.clear()


def _figure(
    rows: int, title: str, subtitle: str, note_lines: int = 0, height: float | None = None
) -> Figure:
    height = height or chart_height(rows, note_lines)
    figure = _matplotlib().figure.Figure(figsize=(WIDTH_IN, height), dpi=DPI)
    figure.text(0.01, 1 - 0.3 / height, title, fontsize=BASE_FONT + 4, weight="bold", va="top",
                gid=TITLE_GID)  # fmt: skip
    figure.text(0.01, 1 - 0.6 / height, subtitle, fontsize=BASE_FONT, va="top", color="#333333",
                gid=SUBTITLE_GID)  # fmt: skip
    return figure


def without_title(figure: Figure) -> Figure:
    """The figure with its title taken out and its subtitle moved up into its place: for a
    document (a pack) that prints the title as a heading above the picture."""
    titles = [t for t in figure.texts if t.get_gid() == TITLE_GID]
    for title in titles:
        _x, top = title.get_position()
        title.remove()
        for subtitle in (t for t in figure.texts if t.get_gid() == SUBTITLE_GID):
            subtitle.set_y(top)
    return figure


def _adjust(figure: Figure, left_in: float, note_lines: int = 0, right_in: float = 0.3) -> None:
    height = figure.get_figheight()
    bottom = (BOTTOM_IN + NOTE_LINE_IN * note_lines) / height
    figure.subplots_adjust(
        left=left_in / WIDTH_IN,
        right=1 - right_in / WIDTH_IN,
        top=1 - TOP_IN / height,
        bottom=bottom,
        wspace=0.08,
    )


def _wrap(text: str, width: int = 38, lines: int = 3) -> str:
    """Wrapped to fit beside a row; the table beside the chart has the full wording."""
    return textwrap.fill(str(text), width, max_lines=lines, placeholder="…")


def _row_labels(rows: pd.DataFrame, labels: dict[str, str], width: int = 40) -> list[str]:
    return [_wrap(labels.get(m, m), width) for m in rows["measure"]]


def _n_beside(axes, y, counts) -> None:
    """Each row's number of people, just right of the plot: n is always on the chart."""
    for yi, n in zip(y, counts, strict=True):
        axes.text(1.01, yi, f"n = {n}", transform=axes.get_yaxis_transform(), va="center",
                  fontsize=BASE_FONT - 1)  # fmt: skip


def _rows_limits(axes, count: int) -> None:
    """Half a row of space above and below, whatever the number of rows."""
    axes.set_ylim(-0.6, max(count, 1) - 0.4)


def _bases(rows: pd.DataFrame) -> list[int]:
    return [base_of(r) for _, r in rows.iterrows()]


def scale_means_chart(
    rows: pd.DataFrame, labels: dict[str, str], title: str, subtitle: str, value_range: tuple
) -> Figure:
    """(a) Mean before and after per scale (left) and the change with its 95% interval (right)."""
    figure = _figure(len(rows), title, subtitle)
    means, change = figure.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": (3, 2)})
    y = np.arange(len(rows))[::-1]
    for yi, pre, post in zip(y, rows["mean_pre"], rows["mean_post"], strict=True):
        means.plot([pre, post], [yi, yi], color="#888888", linewidth=2, zorder=1)
    means.scatter(rows["mean_pre"], y, s=80, c=BEFORE, marker=BEFORE_MARK, label="Before", zorder=2)
    means.scatter(rows["mean_post"], y, s=90, c=AFTER, marker=AFTER_MARK, label="After", zorder=3)
    low, high = value_range
    means.set_xlim(low - 0.25, high + 0.25)
    means.set_xlabel(f"Average score ({low} = lowest answer, {high} = highest)")
    means.set_yticks(y, _row_labels(rows, labels, 30))
    _top_legend(figure, means)
    _change_panel(change, rows, y)
    _n_beside(change, y, _bases(rows))
    _rows_limits(means, len(rows))
    change.set_xlabel("Change, after minus before, with 95% interval")
    _adjust(figure, left_in=2.6, right_in=RIGHT_IN)
    return figure


def _top_legend(figure: Figure, axes) -> None:
    handles, names = axes.get_legend_handles_labels()
    top = 1 - 0.15 / figure.get_figheight()
    figure.legend(handles, names, loc="upper right", bbox_to_anchor=(0.99, top), ncol=2)


def _change_panel(axes, rows: pd.DataFrame, y: np.ndarray) -> None:
    centre = rows["mean_change"].astype(float).to_numpy()
    errors = np.vstack(
        [centre - rows["ci_low"].astype(float), rows["ci_high"].astype(float) - centre]
    )
    axes.axvline(0, color="#555555", linewidth=1, linestyle="--")
    axes.errorbar(centre, y, xerr=errors, fmt="s", color=CHANGE, capsize=4, markersize=6)
    axes.tick_params(axis="y", left=False)
    axes.grid(axis="x", color="#dddddd")


def distribution_chart(
    dist: pd.DataFrame,
    values: tuple[int, ...],
    answer_labels: list[str],
    labels: dict[str, str],
    title: str,
    subtitle: str,
) -> Figure:
    """(b) Diverging stacked bars: lower answers to the left of zero, higher to the right."""
    bars = list(dist.groupby(["measure", "phase"], sort=False))
    figure = _figure(len(bars), title, subtitle, note_lines=1)
    axes = figure.subplots()
    shares = np.array([_shares(part, values) for _, part in bars]).reshape(len(bars), len(values))
    starts = _diverging_starts(shares)
    colours = _palette(len(values))
    y = np.arange(len(bars))[::-1]
    for j, label in enumerate(answer_labels):
        axes.barh(
            y,
            shares[:, j],
            left=starts[:, j],
            color=colours[j],
            edgecolor="#333333",
            linewidth=0.5,
            label=label,
        )
    axes.axvline(0, color="#000000", linewidth=1)
    axes.set_yticks(y, [PHASE_WORDS[p] for (_, p), _ in bars], fontsize=BASE_FONT - 1)
    _n_beside(axes, y, [int(part["count"].sum()) for _, part in bars])
    _rows_limits(axes, len(bars))
    _question_labels(figure, axes, [m for (m, _), _ in bars], y, labels)
    limit = max(50.0, float(np.abs(starts).max(initial=0)), float((starts + shares).max(initial=0)))
    axes.set_xlim(-limit - 5, limit + 5)
    ticks = np.arange(-100, 101, 25)
    ticks = ticks[np.abs(ticks) <= limit + 5]
    axes.set_xticks(ticks, [f"{abs(t)}%" for t in ticks])
    axes.set_xlabel("Share of answers: lower answers to the left, higher to the right")
    handles, names_ = axes.get_legend_handles_labels()
    figure.legend(
        handles,
        names_,
        loc="lower center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=len(values),
        frameon=False,
        fontsize=BASE_FONT - 1,
    )
    _adjust(figure, left_in=3.6, note_lines=1, right_in=RIGHT_IN)
    return figure


def _question_labels(figure: Figure, axes, measures: list[str], y, labels: dict[str, str]) -> None:
    """Each question's wording once, level with its Before and After bars, left of them."""
    shift = _matplotlib().transforms.ScaledTranslation(-0.6, 0, figure.dpi_scale_trans)
    place = axes.get_yaxis_transform() + shift
    for measure in dict.fromkeys(measures):
        rows = [yi for m, yi in zip(measures, y, strict=True) if m == measure]
        axes.text(0, float(np.mean(rows)), _wrap(labels.get(measure, measure), 40, lines=4),
                  transform=place, ha="right", va="center", fontsize=BASE_FONT - 1)  # fmt: skip


def _shares(part: pd.DataFrame, values: tuple[int, ...]) -> np.ndarray:
    counts = part.set_index("value")["count"].reindex(values, fill_value=0).to_numpy(float)
    total = counts.sum()
    return 100 * counts / total if total else counts


def _diverging_starts(shares: np.ndarray) -> np.ndarray:
    """Left edge of each segment: the lower half sits left of zero, a middle answer straddles it."""
    k = shares.shape[1]
    half = k // 2
    negative = shares[:, :half].sum(axis=1) + (shares[:, half] / 2 if k % 2 else 0)
    return -negative[:, None] + np.hstack(
        [np.zeros((len(shares), 1)), shares.cumsum(axis=1)[:, :-1]]
    )


def _palette(k: int) -> list[str]:
    if k == len(DIVERGING):
        return list(DIVERGING)
    picks = np.linspace(0, len(DIVERGING) - 1, k).round().astype(int)
    if k % 2 == 0:  # no middle answer: skip the neutral grey
        outer = [c for c in DIVERGING if c != DIVERGING[2]]
        picks = np.linspace(0, len(outer) - 1, k).round().astype(int)
        return [outer[i] for i in picks]
    return [DIVERGING[i] for i in picks]


def agreement_chart(
    rows: pd.DataFrame, labels: dict[str, str], title: str, subtitle: str
) -> Figure:
    """(c) The share agreeing before and after per question, with Wilson 95% intervals."""
    figure = _figure(len(rows), title, subtitle)
    axes = figure.subplots()
    y = np.arange(len(rows))[::-1]
    for column, colour, mark, offset, name in (
        ("agree_pre", BEFORE, BEFORE_MARK, 0.15, "Before"),
        ("agree_post", AFTER, AFTER_MARK, -0.15, "After"),
    ):
        share = 100 * rows[column].astype(float).to_numpy()
        bounds = np.array([w.interval(ci) or (np.nan, np.nan) for ci in rows[f"{column}_ci"]])
        errors = np.vstack([share - 100 * bounds[:, 0], 100 * bounds[:, 1] - share])
        axes.errorbar(
            share,
            y + offset,
            xerr=errors,
            fmt=mark,
            color=colour,
            capsize=4,
            markersize=8,
            label=name,
            markeredgecolor="#000000",
        )
    axes.set_xlim(0, 100)
    axes.set_xticks(range(0, 101, 20), [f"{t}%" for t in range(0, 101, 20)])
    axes.set_xlabel("Share agreeing (top two answers), with 95% interval")
    axes.set_yticks(y, _agreement_labels(rows, labels), fontsize=BASE_FONT - 1)
    _judged_beside(axes, y, rows)
    _n_beside(axes, y, _bases(rows))
    _rows_limits(axes, len(rows))
    axes.grid(axis="x", color="#dddddd")
    _top_legend(figure, axes)
    _adjust(figure, left_in=3.4, right_in=RIGHT_IN)
    return figure


def _agreement_labels(rows: pd.DataFrame, labels: dict[str, str]) -> list[str]:
    """Each statement's words; where agreeing less is better, the label says so (ADR 0035)."""
    out = []
    for measure, better in zip(rows["measure"], _better(rows), strict=True):
        text = _wrap(labels.get(measure, measure), 40)
        out.append(f"{text}\n(fewer agreeing is better)" if better == "lower" else text)
    return out


def _better(rows: pd.DataFrame) -> list:
    return list(rows["better"]) if "better" in rows else [None] * len(rows)


def _judged_beside(axes, y, rows: pd.DataFrame) -> None:
    """ "better" or "worse" beside each row's After share, so a rise in a worry reads as worse
    in the picture as in the words."""
    for yi, (_, row) in zip(y, rows.iterrows(), strict=True):
        judged = w.agreement_change(row)
        if judged not in ("better", "worse"):
            continue
        after = 100 * float(row["agree_post"])
        x, align = (after - 3, "right") if after > 60 else (after + 3, "left")
        axes.text(x, yi - 0.38, judged, ha=align, va="center", fontsize=BASE_FONT - 1,
                  fontweight="bold" if judged == "worse" else "normal")  # fmt: skip


def across_groups_chart(
    rows: pd.DataFrame, suppressed: dict[str, str], title: str, subtitle: str, min_base: int
) -> Figure:
    """(d) The change per group, largest at the top; groups not shown named underneath with
    their true reason (`suppressed` maps each name to it)."""
    # Every suppressed name is listed: the note is wrapped, never cut short.
    named = "; ".join(f"{name} ({reason})" for name, reason in suppressed.items())
    note = textwrap.fill(f"Not shown: {named}", 120)
    note_lines = note.count("\n") + 2 if suppressed else 0
    figure = _figure(len(rows), title, subtitle, note_lines)
    axes = figure.subplots()
    ordered = rows.sort_values("mean_change", ascending=True, kind="stable")
    y = np.arange(len(ordered))
    _change_panel(axes, ordered, y)
    axes.set_yticks(y, [_wrap(g, 40, lines=2) for g in ordered["group"].astype(str)])
    _n_beside(axes, y, _bases(ordered))
    _rows_limits(axes, len(ordered))
    axes.tick_params(axis="y", left=True)
    axes.set_xlabel("Change, after minus before, with 95% interval")
    if suppressed:
        figure.text(
            0.01,
            (NOTE_LINE_IN * note_lines - 0.1) / figure.get_figheight(),
            note,
            fontsize=BASE_FONT,
            va="top",
        )
    _adjust(figure, left_in=3.2, note_lines=note_lines, right_in=RIGHT_IN)
    return figure


# Okabe-Ito, after the before/after pair: one colour and marker per scale on the trend chart.
SERIES = (("#0072B2", "o"), ("#D55E00", "s"), ("#009E73", "^"), ("#CC79A7", "D"),
          ("#56B4E9", "v"), ("#000000", "P"))  # fmt: skip
TREND_PLOT_IN = 3.6


def trend_chart(
    rows: pd.DataFrame,
    periods: list[str],
    labels: dict[str, str],
    hidden: dict[str, str],
    title: str,
    subtitle: str,
) -> Figure:
    """(e) The change in each scale per period, periods left to right in time order, each with
    its 95% interval and its n; a scale's points are joined only between neighbouring periods
    that both show it. `hidden` maps each period with nothing shown to its reason."""
    measures = list(dict.fromkeys(rows["measure"]))
    legend = [_wrap(labels.get(m, m), 60, lines=2) for m in measures]
    note = textwrap.fill("Not shown: " + "; ".join(f"{p} ({r})" for p, r in hidden.items()), 120)
    note_in = NOTE_LINE_IN * (note.count("\n") + 2) if hidden else 0.1
    legend_in = 0.25 * sum(t.count("\n") + 1 for t in legend)
    bottom_in = note_in + legend_in + 0.55  # the period names under the axis
    height = TOP_IN + TREND_PLOT_IN + bottom_in
    figure = _figure(0, title, subtitle, height=height)
    axes = figure.subplots()
    axes.axhline(0, color="#555555", linewidth=1, linestyle="--")
    step = 0.5 / max(len(measures), 1)
    for k, measure in enumerate(measures):
        _trend_series(axes, rows[rows["measure"] == measure], periods, k, len(measures), step,
                      legend[k])  # fmt: skip
    axes.set_xticks(range(len(periods)), periods)
    axes.set_xlim(-0.6, len(periods) - 0.4)
    axes.set_ylabel("Change, after minus before,\nwith 95% interval")
    axes.grid(axis="y", color="#dddddd")
    figure.legend(*axes.get_legend_handles_labels(), loc="lower left", frameon=False,
                  bbox_to_anchor=(0.01, note_in / height), fontsize=BASE_FONT - 1)  # fmt: skip
    if hidden:
        figure.text(0.01, (note_in - 0.1) / height, note, fontsize=BASE_FONT, va="top")
    figure.subplots_adjust(left=1.1 / WIDTH_IN, right=1 - 0.3 / WIDTH_IN,
                           top=1 - TOP_IN / height, bottom=bottom_in / height)  # fmt: skip
    return figure


def _trend_series(axes, rows: pd.DataFrame, periods: list[str], k: int, count: int, step: float,
                  label: str) -> None:  # fmt: skip
    """One scale's points, set a little apart from the other scales' in the same period."""
    colour, mark = SERIES[k % len(SERIES)]
    mine = rows.set_index("group")
    part = mine.loc[[p for p in periods if p in mine.index]]
    positions = [periods.index(p) for p in part.index]
    x = np.array(positions, dtype=float) + (k - (count - 1) / 2) * step
    centre = part["mean_change"].astype(float).to_numpy()
    errors = np.vstack(
        [centre - part["ci_low"].astype(float), part["ci_high"].astype(float) - centre]
    )
    axes.errorbar(x, centre, yerr=errors, fmt=mark, color=colour, capsize=4, markersize=7,
                  label=label)  # fmt: skip
    for a in range(len(positions) - 1):
        if positions[a + 1] == positions[a] + 1:  # a gap is never bridged by a line
            axes.plot(x[a : a + 2], centre[a : a + 2], color=colour, linewidth=1, alpha=0.6)
    for xi, top, n in zip(x, part["ci_high"].astype(float), _bases(part.reset_index()),
                          strict=True):  # fmt: skip
        axes.annotate(f"n = {n}", (xi, top), textcoords="offset points", xytext=(0, 4),
                      ha="center", fontsize=BASE_FONT - 2)  # fmt: skip
