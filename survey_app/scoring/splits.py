"""Splitting results by an answer (`by="answer:ITEM"`), all or nothing per session (ADR 0036).

Every grouping must be a union of whole contributions of at least `MIN_BASE` (ADR 0029). A
split by an answer cuts a session's cells, so "All" minus the answer groups could give a few
people away. So a session is split only when both hold:

- the ADR 0036 rule (`split_sessions`, also used by the feedback summary): every group of the
  answer in the session, "No answer" included, has `MIN_BASE` or more responses in each phase;
- splitting it leaves nothing out: `countable` run on the finer cells (session, language,
  answer) keeps, on every measure, exactly the answers it keeps on whole cells, and the answers
  in no group that count unsplit are none or `MIN_BASE` or more (`lossless_sessions`; a
  session failing on one measure is split on none, so it is in the same groups on every row).
  Otherwise "All" minus the groups would be the answers a small part lost, however large the
  groups are (the property test finds such a case without it).

A session that is not split counts in no answer group, only in the results that are not split
by an answer. A matched pair is one person in one group: the answer of its BEFORE response when
the item is asked BEFORE, else of its AFTER response. A response outside a pair is grouped by
its own answer; where its phase does not ask the item (an AFTER response with no pair, for an
item asked only BEFORE) its answer is not known, so it is in no group (never "No answer",
which is for someone asked who did not answer).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from survey_app.questionnaire.schema import Item, Questionnaire

from .countable import Countable, countable
from .measures import Coded

ANSWER_PREFIX = "answer:"
NO_ANSWER = "No answer"
UNKNOWN = -1  # the code of a response whose phase does not ask the item


def answer_item_id(by: str) -> str | None:
    """The item id of an `answer:ITEM` grouping, else None."""
    return by[len(ANSWER_PREFIX) :] if by.startswith(ANSWER_PREFIX) else None


def split_item(versions: Sequence[Questionnaire], item_id: str) -> Item:
    """The single-choice item to split by, from the newest version that has it; ValueError
    naming what is wrong (unknown, or not single choice, with the items that would do)."""
    newest_first = sorted(versions, key=lambda q: -q.version)
    choices = single_choice_items(newest_first[0]) if newest_first else []
    found = next((i for q in newest_first for i in q.items if i.id == item_id), None)
    can = ", ".join(i.id for i in choices) or "none"
    qid = newest_first[0].id if newest_first else "?"
    if found is None:
        raise ValueError(f"'{item_id}' is not an item of {qid} (single-choice items: {can})")
    if found.type != "single_choice":
        raise ValueError(
            f"'{item_id}' is a {found.type} item; split by a single-choice item ({can})"
        )
    return found


def single_choice_items(q: Questionnaire) -> list[Item]:
    """The items a comparison of `q` can be split by, in questionnaire order."""
    return [i for i in q.items if i.type == "single_choice" and set(i.phases) & {"pre", "post"}]


def answer_codes(
    frame: pd.DataFrame,
    versions: Sequence[Questionnaire],
    item: Item,
    pair_pos: tuple[np.ndarray, np.ndarray],
) -> tuple[np.ndarray, list[str]]:
    """Per response, the index of the answer it counts under in the labels (options in order,
    then "No answer"), or UNKNOWN; a pair's two responses share the code of its answer."""
    newest = max((q for q in versions if item in q.items), key=lambda q: q.version)
    rs = newest.response_set_of(item)
    values = list(rs.values) if rs is not None else []
    lang = "en" if "en" in newest.languages else newest.languages[0]
    labels = [rs.label(v, lang) for v in values] if rs is not None else []
    given = pd.to_numeric(frame.get(item.id, pd.Series(np.nan, index=frame.index)),
                          errors="coerce").to_numpy(dtype=float)  # fmt: skip
    # A value no longer offered (an older version's option) keeps a group of its own.
    extras = sorted(set(np.unique(given[np.isfinite(given) & ~np.isin(given, values)])))
    labels += [_number(value) for value in extras] + [NO_ANSWER]
    codes = np.full(len(frame), len(labels) - 1, dtype=int)  # "No answer" unless given
    for k, value in enumerate(values + extras):
        codes[given == value] = k
    codes[~_asked(frame, versions, item.id)] = UNKNOWN
    pre_pos, post_pos = pair_pos
    asked_pre = codes[pre_pos] != UNKNOWN
    pair = np.where(asked_pre, codes[pre_pos], codes[post_pos])
    codes[pre_pos] = codes[post_pos] = pair
    return codes, labels


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _asked(frame: pd.DataFrame, versions: Sequence[Questionnaire], item_id: str) -> np.ndarray:
    """Whether each response's version asks the item in its phase."""
    asked = {(q.version, p) for q in versions for i in q.items if i.id == item_id
             for p in i.phases}  # fmt: skip
    keys = zip(frame["questionnaire_version"].tolist(), frame["phase"].tolist(), strict=True)
    return np.fromiter(((int(v), p) in asked for v, p in keys), dtype=bool, count=len(frame))


def split_sessions(
    sessions: pd.Series | np.ndarray,
    groups: pd.Series | np.ndarray,
    min_base: int,
    phases: pd.Series | np.ndarray | None = None,
) -> set:
    """The sessions that may be split (ADR 0036): every group of the answer in the session
    has `min_base` or more responses (in each phase, when `phases` is given; a group absent
    from a phase has none there). Rows whose group is None or UNKNOWN are in no group."""
    table = pd.DataFrame(
        {
            "session": np.asarray(sessions, dtype=object),
            "group": np.asarray(groups, dtype=object),
            "phase": "" if phases is None else np.asarray(phases, dtype=object),
        }
    )
    known = table["group"].map(lambda g: g is not None and g != UNKNOWN)
    grouped = table[known.astype(bool)]
    if grouped.empty:
        return set()
    sizes = grouped.groupby(["session", "group", "phase"]).size().unstack("phase", fill_value=0)
    small = set(sizes.index[(sizes < min_base).any(axis=1)].get_level_values("session"))
    return set(grouped["session"]) - small


def split_codes(
    frame: pd.DataFrame,
    versions: Sequence[Questionnaire],
    item: Item,
    pair_pos: tuple[np.ndarray, np.ndarray],
    counted: tuple[Coded, np.ndarray, Countable],
    min_base: int,
) -> tuple[np.ndarray, list[str]]:
    """The group of each response when split by `item`'s answer, as codes into the labels of
    the groups present; a response in no group (its session not split, or its answer not
    known) has the code len(labels). `counted` is (coded, cells, countable on those cells)."""
    codes, labels = answer_codes(frame, versions, item, pair_pos)
    sessions = frame["session_id"].to_numpy()
    is_pre = (frame["phase"] == "pre").to_numpy()
    gate = split_sessions(sessions, codes, min_base, is_pre)
    split = np.isin(sessions, list(gate)) & lossless_sessions(
        sessions, codes, pair_pos, is_pre, counted, min_base
    )
    split &= codes != UNKNOWN
    present = np.unique(codes[split])
    compact = np.full(len(labels) + 1, len(present), dtype=int)
    compact[present] = np.arange(len(present))
    out = np.where(split, compact[np.where(codes == UNKNOWN, 0, codes)], len(present))
    return out.astype(int), [labels[k] for k in present]


def lossless_sessions(
    sessions: np.ndarray,
    codes: np.ndarray,
    pair_pos: tuple[np.ndarray, np.ndarray],
    is_pre: np.ndarray,
    counted: tuple[Coded, np.ndarray, Countable],
    min_base: int,
) -> np.ndarray:
    """Per response: whether its session can be split without a small part left over.

    On cells cut by the answer, `countable` must keep, measure by measure, exactly the answers
    it keeps on whole cells: pairs for the matched design, answers of a known group for the
    unmatched one. The answers of no known group (see the module) that count unsplit are left
    out of every group: per cell and measure there must be none of them or `min_base` or more,
    so that "All" minus the groups is never a few of them."""
    coded, cells, whole = counted
    pre_pos, post_pos = pair_pos
    finer = pd.factorize(pd.MultiIndex.from_arrays([cells, codes]))[0].astype(int)
    cut = countable(coded, finer, is_pre, pre_pos, post_pos, min_base)
    paired = np.zeros(len(sessions), dtype=bool)
    paired[pre_pos] = paired[post_pos] = True
    known = codes != UNKNOWN
    same = np.ones(len(sessions), dtype=bool)
    for rows, a, b in (
        (paired, whole.matched, cut.matched),
        (known, whole.unmatched, cut.unmatched),
    ):
        for x, y in ((a.values, b.values), (a.dont_know, b.dont_know)):
            same &= ~rows | (np.isfinite(x) == np.isfinite(y)).all(axis=1)
    same &= ~few_left_over(cells, known, whole, min_base)
    losing = set(sessions[~same].tolist())
    return ~np.isin(sessions, list(losing))


def few_left_over(cells: np.ndarray, known: np.ndarray, whole: Countable, min_base: int):
    """Per response: whether its cell has, on some measure, some but fewer than `min_base`
    answers of no known group that count unsplit (unmatched scores or answers at all)."""
    size = int(cells.max()) + 1 if len(cells) else 0
    few = np.zeros(len(cells), dtype=bool)
    for x in (whole.unmatched.values, whole.unmatched.dont_know):
        for j in range(x.shape[1]):
            n = np.bincount(cells[~known & np.isfinite(x[:, j])], minlength=size)
            few |= ((n > 0) & (n < min_base))[cells]
    return few
