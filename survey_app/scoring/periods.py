"""Academic years and terms, from session dates, for `compare(by="year"|"term")`.

The school year starts on ACADEMIC_YEAR_START (month-day, default 09-01, as in England). A year
is labelled "2026/27". Terms are the three an English school keeps, counted from the year's
start month: the first four months are autumn, the next three spring, the last five summer
(September-December, January-March, April-August by default). Half terms and a school's own
dates are not known here, so a session in the Easter holidays counts by its calendar month.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

TERMS = ("autumn", "spring", "summer")
_TERM_OF_MONTH = (0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2)  # months since the year's start month
_YEAR_START = re.compile(r"(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])")


def parse_year_start(text: str) -> tuple[int, int]:
    """ "09-01" as (9, 1); ValueError saying what is expected."""
    match = _YEAR_START.fullmatch(str(text).strip())
    if not match:
        raise ValueError(f"ACADEMIC_YEAR_START must be a month and day as MM-DD, not {text!r}")
    return int(match[1]), int(match[2])


def academic_periods(dates: pd.Series, year_start: tuple[int, int], by: str):
    """(row codes, labels in time order) of each date's academic year, or year and term."""
    when = pd.to_datetime(dates)
    month, day = year_start
    before_start = (when.dt.month < month) | ((when.dt.month == month) & (when.dt.day < day))
    first_year = (when.dt.year - before_start.astype(int)).to_numpy()
    months_in = ((when.dt.month - month) % 12).to_numpy().copy()
    # The days of the start month before the start day end the year before: its last month.
    months_in[((when.dt.month == month) & (when.dt.day < day)).to_numpy()] = 11
    term = np.asarray(_TERM_OF_MONTH)[months_in] if len(when) else np.zeros(0, int)
    key = first_year * 3 + term if by == "term" else first_year
    codes, uniques = pd.factorize(key, sort=True)
    labels = [_label(int(k), by) for k in uniques]
    return codes, labels


def _label(key: int, by: str) -> str:
    year, term = (key // 3, key % 3) if by == "term" else (key, None)
    label = f"{year}/{(year + 1) % 100:02d}"
    return label if term is None else f"{label} {TERMS[term]}"


_YEAR_LABEL = re.compile(r"(\d{4})/(\d{2})")


def parse_academic_year(text: str) -> str:
    """ "2026/27" as itself (the label `academic_periods` gives); ValueError naming the form
    when the text is not one year followed by the last two digits of the next."""
    match = _YEAR_LABEL.fullmatch(str(text).strip())
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ValueError(f"'{text}' is not an academic year: use the form 2026/27")
    return f"{match[1]}/{match[2]}"


def academic_year_of(day, year_start: tuple[int, int]) -> str:
    """The label of the academic year a date falls in ("2026/27")."""
    _codes, labels = academic_periods(pd.Series([pd.Timestamp(day)]), year_start, "year")
    return labels[0]


def in_academic_year(dates: pd.Series, year_start: tuple[int, int], year: str) -> pd.Series:
    """True where a date falls in the academic year labelled `year`."""
    if not len(dates):
        return pd.Series([], dtype=bool, index=dates.index)
    codes, labels = academic_periods(dates, year_start, "year")
    return pd.Series(np.asarray(labels, dtype=object)[codes] == year, index=dates.index)


def up_to_academic_year(dates: pd.Series, year_start: tuple[int, int], year: str) -> pd.Series:
    """True where a date falls in the academic year `year` or before it (a trend's years)."""
    if not len(dates):
        return pd.Series([], dtype=bool, index=dates.index)
    codes, labels = academic_periods(dates, year_start, "year")
    return pd.Series(np.asarray(labels, dtype=object)[codes] <= year, index=dates.index)
