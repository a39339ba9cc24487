"""One typed cell of a paper-response file, as the value the web form would have stored."""

from __future__ import annotations

import re
from typing import Any

from ..questionnaire.schema import Item, ResponseSet

WHOLE_NUMBER = re.compile(r"^[+-]?[0-9]+$")


class CellError(ValueError):
    """Why a cell cannot be stored, in words for the person who typed it."""


def parse_cell(typed: str, item: Item, response_set: ResponseSet | None) -> Any:
    """int for one choice, list of ints for multiple choice, int for a number, str for text."""
    if item.type == "text":
        if len(typed) > item.max_length:
            raise CellError(f"use {item.max_length} characters or fewer")
        return typed
    if item.type == "number":
        return _number(typed, item)
    if response_set is None:  # the loader guarantees one; this guards a broken questionnaire
        raise CellError("this question has no answers to choose from")
    if item.type == "multiple_choice":
        return _choices(typed, response_set)
    return _choice(typed, response_set)


def _allowed(response_set: ResponseSet) -> str:
    return ", ".join(str(v) for v in response_set.values)


def _choice(typed: str, response_set: ResponseSet) -> int:
    if WHOLE_NUMBER.match(typed) and int(typed) in response_set.values:
        return int(typed)
    raise CellError(f"'{typed}' is not one of its answers ({_allowed(response_set)})")


def _choices(typed: str, response_set: ResponseSet) -> list[int]:
    parts = [part.strip() for part in typed.split(";")]
    chosen = [_choice(part, response_set) for part in parts if part]
    if len(set(chosen)) != len(chosen):
        raise CellError(f"'{typed}' lists an answer twice")
    if not chosen:
        raise CellError("list the answers with semicolons, like 1;3")
    # Stored in the order the options are shown, as the web form stores them.
    return [value for value in response_set.values if value in chosen]


def _number(typed: str, item: Item) -> int:
    if not WHOLE_NUMBER.match(typed):
        raise CellError(f"'{typed}' is not a whole number")
    value = int(typed)
    if (item.min is not None and value < item.min) or (item.max is not None and value > item.max):
        low = "" if item.min is None else f"from {item.min} "
        high = "" if item.max is None else f"to {item.max}"
        raise CellError(f"{value} is outside the allowed range {low}{high}".rstrip())
    return value
