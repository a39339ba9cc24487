"""Anonymous PRE/POST matching within a session, without knowing who anyone is.

Two keys can link a PRE answer to a POST answer of the same person:
- a random respondent key the device kept between the two (devices not shared);
- a self-generated code of a few stable facts ("A-07-2"), on shared devices: matched exactly
  first, then allowing one differing element. Anything ambiguous stays unmatched: a wrong pair
  does more harm to a comparison than a missing one.

Key matching runs over all sessions at once (a city has thousands); only the near-code step,
which compares codes pairwise, loops, and only over sessions with codes left unmatched.
"""

from __future__ import annotations

import pandas as pd

PAIR_COLUMNS = ["session_id", "pre_id", "post_id", "method"]
CODE_SEPARATOR = "-"


def match_pairs(responses: pd.DataFrame) -> pd.DataFrame:
    """Pairs (session_id, pre_id, post_id, method) from columns response_id, session_id, phase,
    respondent_key and match_code. Each response is in at most one pair."""
    rest = responses.loc[
        responses["phase"].isin(["pre", "post"]),
        ["response_id", "session_id", "phase", "respondent_key", "match_code"],
    ]
    found = []
    for column, method in (("respondent_key", "device"), ("match_code", "code_exact")):
        pairs = _unique_key_pairs(rest, column, method)
        found.append(pairs)
        rest = rest[
            ~rest["response_id"].isin(pairs["pre_id"]) & ~rest["response_id"].isin(pairs["post_id"])
        ]
    found.append(_near_code_pairs(rest))
    pairs = pd.concat(found, ignore_index=True)
    return pairs.sort_values(["session_id", "pre_id"], kind="stable").reset_index(drop=True)


def _unique_key_pairs(rows: pd.DataFrame, column: str, method: str) -> pd.DataFrame:
    """Pair a PRE and a POST of one session that share a key found exactly once in each phase."""
    keyed = rows[rows[column].notna() & (rows[column] != "")]
    sizes = keyed.groupby(["session_id", column, "phase"])["response_id"].transform("size")
    once = keyed[sizes == 1]
    pre = once[once["phase"] == "pre"]
    post = once[once["phase"] == "post"]
    merged = pre.merge(post, on=["session_id", column], suffixes=("_pre", "_post"))
    return pd.DataFrame(
        {
            "session_id": merged["session_id"],
            "pre_id": merged["response_id_pre"],
            "post_id": merged["response_id_post"],
            "method": method,
        },
        columns=PAIR_COLUMNS,
    )


def _near_code_pairs(rows: pd.DataFrame) -> pd.DataFrame:
    """Codes differing in exactly one element, where the candidate is unique both ways."""
    coded = rows[rows["match_code"].notna() & (rows["match_code"] != "")]
    pairs = []
    for session_id, group in coded.groupby("session_id", sort=True):
        pre = group.loc[group["phase"] == "pre", ["response_id", "match_code"]]
        post = group.loc[group["phase"] == "post", ["response_id", "match_code"]]
        candidates = {
            p.response_id: [
                q.response_id for q in post.itertuples() if _one_apart(p.match_code, q.match_code)
            ]
            for p in pre.itertuples()
        }
        chosen_by: dict[object, int] = {}
        for posts in candidates.values():
            for post_id in posts:
                chosen_by[post_id] = chosen_by.get(post_id, 0) + 1
        pairs += [
            (session_id, pre_id, posts[0], "code_near")
            for pre_id, posts in candidates.items()
            if len(posts) == 1 and chosen_by[posts[0]] == 1
        ]
    return pd.DataFrame(pairs, columns=PAIR_COLUMNS)


def _one_apart(a: str, b: str) -> bool:
    left, right = a.split(CODE_SEPARATOR), b.split(CODE_SEPARATOR)
    return len(left) == len(right) and sum(x != y for x, y in zip(left, right, strict=True)) == 1
