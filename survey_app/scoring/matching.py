"""Anonymous PRE/POST matching within a session, without knowing who anyone is.

Two keys can link a PRE answer to a POST answer of the same person:
- a random respondent key the device kept between the two (devices not shared);
- a self-generated code of a few stable facts ("A-07-2"), on shared devices: matched exactly
  first, then allowing one differing element. Anything ambiguous stays unmatched: a wrong pair
  does more harm to a comparison than a missing one.
"""

from __future__ import annotations

import pandas as pd

PAIR_COLUMNS = ["session_id", "pre_id", "post_id", "method"]
CODE_SEPARATOR = "-"


def match_pairs(responses: pd.DataFrame) -> pd.DataFrame:
    """Pairs (session_id, pre_id, post_id, method) from columns response_id, session_id, phase,
    respondent_key and match_code. Each response is in at most one pair."""
    pairs: list[tuple[object, object, object, str]] = []
    usable = responses[responses["phase"].isin(["pre", "post"])]
    for session_id, group in usable.groupby("session_id", sort=True):
        pairs.extend((session_id, a, b, m) for a, b, m in _session_pairs(group))
    return pd.DataFrame(pairs, columns=PAIR_COLUMNS)


def _session_pairs(group: pd.DataFrame) -> list[tuple[object, object, str]]:
    pairs = _unique_key_pairs(group, "respondent_key", "device")
    used = {i for a, b, _ in pairs for i in (a, b)}
    rest = group[~group["response_id"].isin(used)]
    exact = _unique_key_pairs(rest, "match_code", "code_exact")
    used |= {i for a, b, _ in exact for i in (a, b)}
    rest = rest[~rest["response_id"].isin(used)]
    return pairs + exact + _near_code_pairs(rest)


def _unique_key_pairs(
    group: pd.DataFrame, column: str, method: str
) -> list[tuple[object, object, str]]:
    """Pair a PRE and a POST that share a key found exactly once in each phase."""
    keyed = group[group[column].notna() & (group[column] != "")]
    pre = keyed[keyed["phase"] == "pre"]
    post = keyed[keyed["phase"] == "post"]
    pre_once = pre.drop_duplicates(column, keep=False).set_index(column)["response_id"]
    post_once = post.drop_duplicates(column, keep=False).set_index(column)["response_id"]
    shared = pre_once.index.intersection(post_once.index)
    return [(pre_once[key], post_once[key], method) for key in sorted(shared)]


def _near_code_pairs(group: pd.DataFrame) -> list[tuple[object, object, str]]:
    """Codes differing in exactly one element, where the candidate is unique both ways."""
    coded = group[group["match_code"].notna() & (group["match_code"] != "")]
    pre = list(
        coded.loc[coded["phase"] == "pre", ["response_id", "match_code"]].itertuples(index=False)
    )
    post = list(
        coded.loc[coded["phase"] == "post", ["response_id", "match_code"]].itertuples(index=False)
    )
    candidates = {
        p.response_id: [q.response_id for q in post if _one_apart(p.match_code, q.match_code)]
        for p in pre
    }
    chosen_by: dict[object, list[object]] = {}
    for pre_id, posts in candidates.items():
        for post_id in posts:
            chosen_by.setdefault(post_id, []).append(pre_id)
    return [
        (pre_id, posts[0], "code_near")
        for pre_id, posts in candidates.items()
        if len(posts) == 1 and len(chosen_by[posts[0]]) == 1
    ]


def _one_apart(a: str, b: str) -> bool:
    left, right = a.split(CODE_SEPARATOR), b.split(CODE_SEPARATOR)
    return len(left) == len(right) and sum(x != y for x, y in zip(left, right, strict=True)) == 1


def matched_count(responses: pd.DataFrame) -> int:
    """How many PRE/POST pairs a set of responses makes."""
    return len(match_pairs(responses)) if len(responses) else 0
