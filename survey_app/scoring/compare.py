"""PRE against POST, per group and measure, in both designs, through disclosure control.

`compare()` is the one entry point pages, exports and the CLI use. It works out every number
into a raw table and returns only `disclosure.disclosed_frame(raw)`: a group too small to show
never leaves here with a number. The statistics are those of `stats` (`paired_comparison`,
`unpaired_comparison`, `wilson_interval`, `newcombe_interval`); `grouped` computes the first two
for all groups at once and hands the unusual groups back to them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from survey_app.questionnaire.schema import PRIORITIES, Questionnaire

from .blocks import matched_block, unmatched_block, whole_counts
from .countable import Countable, cell_codes, countable, pair_languages
from .disclosure import MIN_BASE, RAW_FIELDS, check_min_base, disclosed_frame
from .matching import match_pairs
from .measures import Coded, Measure, code_measures, plan_measures
from .periods import academic_periods
from .splits import ANSWER_PREFIX, answer_item_id, split_codes, split_item

BY_CHOICES = ("organisation", "programme", "session", "priority", "language", "year", "term")
# Beside BY_CHOICES, "answer:ITEM" splits by the answer to a single-choice item (`splits`).
BY_ANSWER = ANSWER_PREFIX + "ITEM"
SPLIT_RESPONSES = "split_responses"  # attrs key: (responses in the answer groups, all compared)
ITEM_ID = re.compile(r"[a-z][a-z0-9_]{0,62}")  # as the questionnaire schema allows
DEFAULT_YEAR_START = (9, 1)
NO_PROGRAMME = "(no programme)"
INPUT_COLUMNS = (
    "response_id", "session_id", "organisation", "programme", "session_date", "phase",
    "questionnaire_id", "questionnaire_version", "respondent_key", "match_code",
)  # fmt: skip


@dataclass(frozen=True)
class Grouping:
    """Groups as integer codes: a label per code, a code per response row and per pair."""

    labels: list
    order: list[int]  # sort key of each code in the output
    row_codes: np.ndarray
    pair_codes: np.ndarray
    seen: dict[int, np.ndarray]  # version -> whether each group has responses of it
    # Split by an answer, the code len(labels) holds the responses in no group (`splits`).
    hidden: bool = False

    @property
    def size(self) -> int:
        return len(self.labels) + self.hidden

    def versions(self, wanted: tuple[int, ...]) -> list[tuple[int, ...]]:
        """Per group, those of `wanted` versions it has responses of.

        A version with no responses at all (a fresh install, a filter matching nothing) is in no
        group's list, rather than a KeyError (issue 12)."""
        none = np.zeros(len(self.labels), dtype=bool)
        return [
            tuple(v for v in wanted if self.seen.get(v, none)[g]) for g in range(len(self.labels))
        ]


@dataclass(frozen=True)
class Prepared:
    """What every measure of one comparison shares."""

    by: str
    questionnaire_id: str
    frame: pd.DataFrame  # the responses compared (one questionnaire, PRE and POST)
    measures: list[Measure]
    coded: Coded  # every answer: only the counts that explain a suppressed row use it
    countable: Countable  # the answers each design may count (ADR 0029)
    pre_rows: np.ndarray  # row positions of PRE responses
    post_rows: np.ndarray
    pre_pos: np.ndarray  # row position of each pair's PRE
    post_pos: np.ndarray  # and of its POST
    min_base: int
    groupings: dict[str | None, Grouping]  # see `_groupings`


def compare(
    responses: pd.DataFrame,
    questionnaire: Questionnaire | Sequence[Questionnaire],
    by: str = "organisation",
    min_base: int = MIN_BASE,
    pairs: pd.DataFrame | None = None,
    year_start: tuple[int, int] = DEFAULT_YEAR_START,
) -> pd.DataFrame:
    """Compare PRE with POST for one questionnaire, one row per (group, measure, design).

    `responses` has one row per response, with the columns response_id, session_id,
    organisation, programme (None when the session has none), session_date, phase ("pre",
    "post"; others are ignored), questionnaire_id, questionnaire_version, respondent_key and
    match_code, plus one column per item id holding the stored answer (a number; blank, NaN or
    None when unanswered). `survey_app.reports.data.load_responses()` builds exactly this.

    `questionnaire` is one version or every version of one questionnaire; responses of other
    questionnaires or versions are left out. `by` is organisation, programme, session or
    priority (the strategy priority a scale evidences: its scale and item rows). `pairs`
    (columns pre_id, post_id) defaults to `matching.match_pairs(responses)`.

    Returns the columns of `disclosure.COLUMNS`, ordered by group, measure (scales first, then
    items, in questionnaire order) and design (matched, then unmatched).
    """
    prepared = prepare(responses, questionnaire, by, min_base, pairs, year_start)
    blocks = []
    for j, measure in enumerate(prepared.measures):
        grouping = prepared.groupings.get(measure.priority if by == "priority" else None)
        if grouping is not None:
            blocks.extend(_blocks(prepared, grouping, measure, j))
    result = disclosed_frame(_raw_table(blocks), min_base)
    if answer_item_id(by) is not None:  # how many responses the answer groups rest on
        grouping = prepared.groupings[None]
        in_groups = int(np.count_nonzero(grouping.row_codes < len(grouping.labels)))
        result.attrs[SPLIT_RESPONSES] = (in_groups, len(prepared.frame))
    return result


def prepare(
    responses: pd.DataFrame,
    questionnaire: Questionnaire | Sequence[Questionnaire],
    by: str,
    min_base: int,
    pairs: pd.DataFrame | None,
    year_start: tuple[int, int],
) -> Prepared:
    """Everything `compare()` works from: responses coded, pairs placed, answers that may count
    (`countable`), and the groupings. Also used by `contributions` to show what counts."""
    check_grouping(by)
    check_min_base(min_base)
    versions = _versions(questionnaire)
    item_id = answer_item_id(by)
    split = split_item(versions, item_id) if item_id is not None else None
    frame = _relevant(responses, versions)
    if by == "language" and "language" not in frame.columns:
        raise ValueError("responses lack the column language, needed to compare by language")
    measures = plan_measures(versions)
    coded = code_measures(frame, versions, measures)
    pre_pos, post_pos = _pair_positions(frame, pairs)
    is_pre = (frame["phase"] == "pre").to_numpy()
    rows = np.arange(len(frame))
    cells = cell_codes(frame, pre_pos, post_pos)
    usable = countable(coded, cells, is_pre, pre_pos, post_pos, min_base)
    if split is None:
        groupings = _groupings(frame, by, measures, (pre_pos, post_pos), year_start)
    else:
        codes, labels = split_codes(
            frame, versions, split, (pre_pos, post_pos), (coded, cells, usable), min_base
        )
        version_of = frame["questionnaire_version"].to_numpy()
        order = list(range(len(labels)))  # the options' order, "No answer" last
        groupings = {None: _grouping(labels, order, codes, codes[pre_pos], version_of, True)}
    return Prepared(
        by, versions[0].id, frame, measures, coded, usable,
        rows[is_pre], rows[~is_pre], pre_pos, post_pos, min_base, groupings,
    )  # fmt: skip


def is_grouping(by: object) -> bool:
    """Whether `by` names a grouping: one of BY_CHOICES or "answer:ITEM" (any item id here;
    `compare` checks it is a single-choice item of the questionnaire)."""
    if not isinstance(by, str):
        return False
    item_id = answer_item_id(by)
    return by in BY_CHOICES or bool(item_id and ITEM_ID.fullmatch(item_id))


def check_grouping(by: object) -> None:
    if not is_grouping(by):
        choices = ", ".join((*BY_CHOICES, BY_ANSWER))
        raise ValueError(f"by must be one of {choices}, not {by!r}")


def compare_all(
    responses: pd.DataFrame,
    questionnaires: Iterable[Questionnaire],
    by: str = "organisation",
    min_base: int = MIN_BASE,
    year_start: tuple[int, int] = DEFAULT_YEAR_START,
) -> pd.DataFrame:
    """`compare()` for each questionnaire id with responses, never pooling two ids.

    `questionnaires` holds every loaded version (a registry); pairs are found once for all.
    """
    by_id: dict[str, list[Questionnaire]] = {}
    for q in questionnaires:
        by_id.setdefault(q.id, []).append(q)
    present = set(responses["questionnaire_id"].unique()) if len(responses) else set()
    pairs = match_pairs(responses) if len(responses) else None
    frames = [
        compare(responses, by_id[qid], by=by, min_base=min_base, pairs=pairs, year_start=year_start)
        for qid in sorted(present & by_id.keys())
    ]
    if not frames:
        return disclosed_frame([], min_base)
    result = pd.concat(frames, ignore_index=True)
    result.attrs["min_base"] = min_base
    return result


def _versions(questionnaire: Questionnaire | Sequence[Questionnaire]) -> list[Questionnaire]:
    versions = [questionnaire] if isinstance(questionnaire, Questionnaire) else list(questionnaire)
    if not versions:
        raise ValueError("no questionnaire given")
    if len({q.id for q in versions}) > 1:
        raise ValueError("compare one questionnaire id at a time: they are never pooled")
    return sorted(versions, key=lambda q: q.version)


def _relevant(responses: pd.DataFrame, versions: list[Questionnaire]) -> pd.DataFrame:
    missing = [c for c in INPUT_COLUMNS if c not in responses.columns]
    if missing:
        raise ValueError(f"responses lack the columns {', '.join(missing)}")
    keep = (
        (responses["questionnaire_id"] == versions[0].id)
        & responses["questionnaire_version"].isin([q.version for q in versions])
        & responses["phase"].isin(["pre", "post"])
    )
    return responses.loc[keep].reset_index(drop=True)


def _pair_positions(
    frame: pd.DataFrame, pairs: pd.DataFrame | None
) -> tuple[np.ndarray, np.ndarray]:
    """Row positions of each pair's PRE and POST, for pairs wholly inside the frame."""
    if pairs is None:
        pairs = match_pairs(frame) if len(frame) else pd.DataFrame(columns=["pre_id", "post_id"])
    index = frame["response_id"].to_numpy()
    position = pd.Series(np.arange(len(frame), dtype=float), index=index)
    pre = position.reindex(pairs["pre_id"].to_numpy()).to_numpy(dtype=float)
    post = position.reindex(pairs["post_id"].to_numpy()).to_numpy(dtype=float)
    inside = ~(np.isnan(pre) | np.isnan(post))
    return pre[inside].astype(int), post[inside].astype(int)


def _groupings(
    frame: pd.DataFrame,
    by: str,
    measures: list[Measure],
    pair_pos: tuple[np.ndarray, np.ndarray],
    year_start: tuple[int, int],
) -> dict[str | None, Grouping]:
    """The grouping of each measure: by priority, one per priority (keyed by it); else one.

    Every grouping is a union of the cells of `countable` (whole sessions, or by language the
    responses counting under a language): a new grouping must keep that so (ADR 0029)."""
    pre_pos, post_pos = pair_pos
    version_of = frame["questionnaire_version"].to_numpy()
    if by == "priority":
        rows, pairs = np.zeros(len(frame), int), np.zeros(len(pre_pos), int)
        return {
            p: _grouping([p], [list(PRIORITIES).index(p)], rows, pairs, version_of)
            for p in {m.priority for m in measures if m.priority}
        }
    if by in ("year", "term"):
        codes, labels = academic_periods(frame["session_date"], year_start, by)
        order = list(range(len(labels)))  # in time order, not alphabetical
        return {None: _grouping(labels, order, codes, codes[pre_pos], version_of)}
    if by == "session":
        labels = frame["session_id"]
    elif by == "language":  # a pair counts in the language of its BEFORE answer
        labels = pd.Series(pair_languages(frame, pre_pos, post_pos))
    elif by == "programme":
        labels = frame["programme"].where(frame["programme"].notna(), NO_PROGRAMME)
    else:
        labels = frame["organisation"]
    codes, uniques = pd.factorize(labels, sort=True)
    plain = [u.item() if isinstance(u, np.generic) else u for u in uniques]
    return {None: _grouping(plain, list(range(len(plain))), codes, codes[pre_pos], version_of)}


def _grouping(labels, order, row_codes, pair_codes, version_of, hidden=False) -> Grouping:
    seen = {
        int(v): np.bincount(row_codes[version_of == v], minlength=len(labels) + hidden) > 0
        for v in np.unique(version_of)
    }
    return Grouping(labels, order, row_codes, pair_codes, seen, hidden)


def _blocks(p: Prepared, grouping: Grouping, measure: Measure, j: int) -> list[dict]:
    """The matched and the unmatched block of one measure, with their labels (the responses in
    no group, split by an answer, are worked out with the rest and then left out)."""
    size = grouping.size
    usable = p.countable
    matched = matched_block(
        usable.matched, j, measure, grouping.pair_codes, size, p.pre_pos, p.post_pos, p.min_base
    )
    unmatched = unmatched_block(
        usable.unmatched, j, measure, grouping.row_codes, size, p.pre_rows, p.post_rows,
        p.min_base,
    )  # fmt: skip
    wholes = whole_counts(
        p.coded.values[:, j], (grouping.row_codes, grouping.pair_codes), size,
        (p.pre_rows, p.post_rows), (p.pre_pos, p.post_pos),
    )  # fmt: skip
    labels = {
        "_order": np.asarray(grouping.order + [len(grouping.order)] * grouping.hidden),
        "_measure": np.full(size, j),
        "group_by": [p.by] * size,
        "group": list(grouping.labels) + [None] * grouping.hidden,
        "questionnaire": [p.questionnaire_id] * size,
        "versions": grouping.versions(measure.versions) + [()] * grouping.hidden,
        "measure": [measure.id] * size,
        "measure_kind": [measure.kind] * size,
        "better": [measure.better] * size,
        "score_better": [measure.score_better] * size,
    }
    if measure.score_better == "lower":  # a fall in the score is the better way
        _swap(matched.columns, "improved", "worse")
    shown = len(grouping.labels)
    return [
        {
            name: None if column is None else column[:shown]
            for name, column in (
                block.columns
                | whole
                | labels
                | {"_design": np.full(size, d), "design": [block.design] * size}
            ).items()
        }
        for d, (block, whole) in enumerate(zip((matched, unmatched), wholes, strict=True))
    ]


def _swap(columns: dict, a: str, b: str) -> None:
    columns[a], columns[b] = columns.get(b), columns.get(a)


def _raw_table(blocks: list[dict]) -> pd.DataFrame:
    """All blocks as one raw table, sorted by group, measure and design."""
    if not blocks:
        return pd.DataFrame(columns=list(RAW_FIELDS))
    names = list(RAW_FIELDS) + ["_order", "_measure", "_design"]
    table = pd.DataFrame(
        {name: _concat([b.get(name) for b in blocks], [len(b["_order"]) for b in blocks])
         for name in names}
    )  # fmt: skip
    table = table.sort_values(["_order", "_measure", "_design"], kind="stable")
    return table.drop(columns=["_order", "_measure", "_design"]).reset_index(drop=True)


def _concat(parts: list, sizes: list[int]) -> np.ndarray:
    """One column across blocks; a block without the column contributes missing values."""
    column = np.full(sum(sizes), None, dtype=object)
    start = 0
    for part, size in zip(parts, sizes, strict=True):
        if isinstance(part, np.ndarray):
            column[start : start + size] = part
        elif part is not None:
            for i, value in enumerate(part):  # one by one, so that tuples stay whole
                column[start + i] = value
        start += size
    return column
