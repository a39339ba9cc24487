"""Single choice: one option of a plain list (or of an agreement or frequency set)."""

from __future__ import annotations

from typing import ClassVar

from .choice import OneOf


class SingleChoice(OneOf):
    name = "single_choice"
    response_kinds: ClassVar = frozenset({"choice", "agreement", "frequency"})


ITEM_TYPE = SingleChoice()
