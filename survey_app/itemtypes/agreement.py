"""Agreement scale: scored, and the share agreeing is reported."""

from __future__ import annotations

from typing import ClassVar

from .choice import OneOf


class Agreement(OneOf):
    name = "agreement"
    response_kinds: ClassVar = frozenset({"agreement"})
    scored = True
    agreement = True


ITEM_TYPE = Agreement()
