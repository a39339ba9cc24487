"""Second stage of validation: what the values of a well-shaped file mean together."""

from __future__ import annotations

from collections.abc import Iterator

from ..itemtypes import REGISTRY as ITEM_TYPES
from .problems import did_you_mean
from .schema import Item, Questionnaire, ResponseSet

Finding = tuple[tuple[str | int, ...], str]

# The response-set kinds each type takes, from its ItemType object (survey_app/itemtypes/).
TYPE_KINDS = {name: t.response_kinds for name, t in ITEM_TYPES.items() if t.response_kinds}
MIN_SCALE_ITEMS = 2


def check_meaning(q: Questionnaire) -> list[Finding]:
    """Every problem of meaning, as (key path, message) pairs, in file order."""
    return [
        *_texts(q),
        *_response_sets(q),
        *_items(q),
        *_scales(q),
    ]


def _texts(q: Questionnaire) -> Iterator[Finding]:
    if len(set(q.languages)) != len(q.languages):
        yield ("languages",), "a language is listed twice"
    declared = set(q.languages)
    for key, text in _all_texts(q):
        for missing in sorted(declared - text.keys()):
            yield key, f"no '{missing}' text, but '{missing}' is a declared language"
        for extra in sorted(text.keys() - declared):
            yield (*key, extra), f"language '{extra}' is not declared in languages"


def _all_texts(q: Questionnaire) -> Iterator[tuple[tuple[str | int, ...], dict[str, str]]]:
    yield ("title",), q.title
    yield ("intro",), q.intro
    if q.thank_you:
        yield ("thank_you",), q.thank_you
    for name, rs in q.response_sets.items():
        for i, option in enumerate(rs.options):
            yield ("response_sets", name, "options", i, "label"), option.label
    for name, scale in q.scales.items():
        yield ("scales", name, "title"), scale.title
    for i, item in enumerate(q.items):
        yield ("items", i, "text"), item.text
        if item.hint:
            yield ("items", i, "hint"), item.hint


def _response_sets(q: Questionnaire) -> Iterator[Finding]:
    for name, rs in q.response_sets.items():
        key = ("response_sets", name)
        values = rs.values
        if len(set(values)) != len(values):
            yield (*key, "options"), "two options share a value"
        shown = ", ".join(str(v) for v in values)
        for field in ("dont_know", "prefer_not_to_say"):
            value = getattr(rs, field)
            if value is not None and value not in values:
                yield (*key, field), f"{value} is not one of its values ({shown})"
        scored = ", ".join(str(v) for v in rs.scored_values)
        for value in rs.agree_values or ():
            if value not in rs.scored_values:
                yield (*key, "agree_values"), f"{value} is not one of its scored values ({scored})"
        if rs.kind != "choice" and len(rs.scored_values) < 2:
            yield (*key, "options"), f"a {rs.kind} set needs at least two scored values"
        if rs.kind == "smiley":
            yield from _faces(key, rs)


def _faces(key: tuple[str, ...], rs: ResponseSet) -> Iterator[Finding]:
    for i, option in enumerate(rs.options):
        if option.value not in rs.missing_values and option.face is None:
            yield (*key, "options", i), "a smiley option needs a face (and always has words)"


def _items(q: Questionnaire) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for i, item in enumerate(q.items):
        key = ("items", i)
        if item.id in seen:
            yield (*key, "id"), f"duplicate item id '{item.id}' (also items[{seen[item.id]}])"
        seen.setdefault(item.id, i)
        yield from _item_references(q, key, item)
        if len(set(item.phases)) != len(item.phases):
            yield (*key, "phases"), "a phase is listed twice"
        if "single" in item.phases and len(item.phases) > 1:
            yield (*key, "phases"), "'single' cannot be combined with pre or post"
        if item.reverse and not item.scored:
            yield (*key, "reverse"), f"a {item.type} item cannot be reverse-coded"
        if item.better is not None and not item.scored:
            yield (*key, "better"), f"a {item.type} item has no better direction"
        if item.min is not None and item.max is not None and item.min > item.max:
            yield (*key, "min"), "min is greater than max"
    phases = {p for item in q.items for p in item.phases}
    if "single" in phases and phases != {"single"}:
        yield ("items",), "a questionnaire is either single-phase or pre/post, not both"


def _item_references(q: Questionnaire, key: tuple[str | int, ...], item: Item) -> Iterator[Finding]:
    needs_set = item.type in TYPE_KINDS
    if item.response_set is None:
        if needs_set:
            yield (*key, "type"), f"a {item.type} item needs a response_set"
    elif not needs_set:
        yield (*key, "response_set"), f"a {item.type} item takes no response_set"
    elif item.response_set not in q.response_sets:
        hint = did_you_mean(item.response_set, q.response_sets)
        yield (*key, "response_set"), f"unknown response set '{item.response_set}'{hint}"
    else:
        kind = q.response_sets[item.response_set].kind
        if kind not in TYPE_KINDS[item.type]:
            yield (*key, "response_set"), f"a {item.type} item cannot use a {kind} response set"
    if item.scale is not None:
        if item.scale not in q.scales:
            hint = did_you_mean(item.scale, q.scales)
            yield (*key, "scale"), f"unknown scale '{item.scale}'{hint}"
        elif not item.scored:
            yield (*key, "scale"), f"a {item.type} item cannot belong to a scale"


def _scales(q: Questionnaire) -> Iterator[Finding]:
    for name, scale in q.scales.items():
        members = q.scale_items(name)
        key = ("scales", name)
        if len(members) < MIN_SCALE_ITEMS:
            yield key, f"scale has {len(members)} item(s); a scale needs at least {MIN_SCALE_ITEMS}"
        if scale.min_items is not None and scale.min_items > len(members):
            yield (*key, "min_items"), f"min_items {scale.min_items} is more than its items"
        scored = {_scored_values(q, item) for item in members}
        if len(scored) > 1:
            names = ", ".join(sorted({str(item.response_set) for item in members}))
            yield key, f"its items' response sets differ in kind or scored values ({names})"


def _scored_values(q: Questionnaire, item: Item) -> tuple[str, tuple[int, ...]]:
    """What makes two items' answers average together: the same kind and scored values."""
    rs = q.response_sets.get(item.response_set or "")
    return (rs.kind, rs.scored_values) if rs else ("", ())
