"""Smiley scale for primary pupils: faces, always with words; scored, share agreeing reported.

Never pooled with text-scale data: its response set is a kind of its own.
"""

from __future__ import annotations

from typing import ClassVar

from .choice import OneOf


class Smiley(OneOf):
    name = "smiley"
    response_kinds: ClassVar = frozenset({"smiley"})
    scored = True
    agreement = True
    faces = True  # the page carries the faces' styles only when a smiley item is on it


ITEM_TYPE = Smiley()
