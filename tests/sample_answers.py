"""The sample questionnaire's (tests/data/questionnaires/sample/v1.yaml) answers, defined once.

As stored, as a form posts them and as a paper line types them, so the form, respond and
import tests agree on one set of answers.
"""

from __future__ import annotations

from typing import Any

# What a complete BEFORE response stores.
PRE_ANSWERS: dict[str, Any] = {
    "year_group": 7,
    "belong_area": 4,
    "belong_city": 5,
    "nervous_mixing": 9,
    "mix_often": 1,
    "mix_school": 4,
    "friends_count": 3,
}
# AFTER asks the same but the friends count, and what they would do differently.
POST_ANSWERS: dict[str, Any] = {k: v for k, v in PRE_ANSWERS.items() if k != "friends_count"} | {
    "do_differently": "Listen"
}


def form_data(answers: dict[str, Any]) -> dict[str, Any]:
    """The fields a browser posts for `answers`: `q_<id>`, strings (lists for checkboxes)."""
    return {
        f"q_{item}": [str(v) for v in value] if isinstance(value, list) else str(value)
        for item, value in answers.items()
    }


def paper_cell(value: Any) -> str:
    """A stored value as a person types it in a paper-response file (`1;3` for several)."""
    return ";".join(str(v) for v in value) if isinstance(value, list) else str(value)


def without(answers: dict[str, Any], *items: str) -> dict[str, Any]:
    return {k: v for k, v in answers.items() if k not in items}
