"""Frequency scale (never ... always): scored."""

from __future__ import annotations

from typing import ClassVar

from .choice import OneOf


class Frequency(OneOf):
    name = "frequency"
    response_kinds: ClassVar = frozenset({"frequency"})
    scored = True


ITEM_TYPE = Frequency()
