"""The registry of question types: one `ItemType` object per type (see base.py).

Every module of this package that declares `ITEM_TYPE` is a question type, so adding a type
means adding one module here and its partial `templates/respond/items/<name>.html`;
tests/integration/test_item_types.py then takes it through the form, the paper import,
storage and export (its test questionnaire must have an item of the new type).
"""

from __future__ import annotations

import importlib
import pkgutil

from .base import WHOLE_NUMBER, AnswerError, ItemType

# The order the registry lists types in (messages, docs); a new type goes after these.
_ORDER = ("single_choice", "agreement", "frequency", "smiley", "multiple_choice", "number", "text")


def _discover() -> dict[str, ItemType]:
    """Each module's ITEM_TYPE by its name; a name declared twice is a mistake, said at import."""
    found: dict[str, ItemType] = {}
    for module in pkgutil.iter_modules(__path__):
        declared = getattr(importlib.import_module(f"{__name__}.{module.name}"), "ITEM_TYPE", None)
        if declared is None:
            continue
        if declared.name in found:
            raise RuntimeError(f"item type '{declared.name}' is declared twice ({module.name})")
        found[declared.name] = declared
    rank = {name: i for i, name in enumerate(_ORDER)}
    return dict(sorted(found.items(), key=lambda pair: (rank.get(pair[0], len(rank)), pair[0])))


REGISTRY: dict[str, ItemType] = _discover()


def item_type(name: str) -> ItemType:
    """The type object for a type name; KeyError names an unknown type."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"no item type '{name}'") from None


__all__ = ["REGISTRY", "WHOLE_NUMBER", "AnswerError", "ItemType", "item_type"]
