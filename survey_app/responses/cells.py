"""One typed cell of a paper-response file, as the value the web form would have stored.

The item's type parses it (survey_app/itemtypes/), with the very parser the pupil's form uses.
"""

from __future__ import annotations

from typing import Any

from ..itemtypes import AnswerError, item_type
from ..questionnaire.schema import Item, ResponseSet


class CellError(ValueError):
    """Why a cell cannot be stored, in words for the person who typed it."""


def parse_cell(typed: str, item: Item, response_set: ResponseSet | None) -> Any:
    """int for one choice, list of ints for multiple choice, int for a number, str for text."""
    kind = item_type(item.type)  # every loaded item's type is registered (schema.ItemType)
    try:
        return kind.parse(kind.split_cell(typed), item, response_set)
    except AnswerError as exc:
        raise CellError(str(exc)) from None
