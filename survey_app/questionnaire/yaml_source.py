"""Reading a questionnaire file safely, remembering the line of every value.

Only plain YAML is accepted: no tags (so nothing can be constructed or executed), no anchors or
aliases (so a file reads the same top to bottom and cannot explode in size), no `<<` merge keys
(they only make sense with aliases, and PyYAML cannot build them safely), a size cap and a depth
cap. The depth is checked on the parser's event stream, which is read without recursion, before
the composer (which recurses once per level) sees the file: 2 KB of `[[[[...` is refused on its
line instead of ending in a RecursionError traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, QuestionnaireError

MAX_BYTES = 256 * 1024
# The shipped files nest 6 deep (items > item > label > language); 20 leaves room for any
# honest file and stays far below Python's recursion limit.
MAX_DEPTH = 20
MERGE_TAG = "tag:yaml.org,2002:merge"
Key = tuple[str | int, ...]


@dataclass(frozen=True)
class Source:
    """Plain data read from a file, with the line (1-based) of each key path."""

    path: str
    data: Any
    lines: dict[Key, int]
    raw: bytes

    def line_of(self, key: Key) -> int:
        """The line of the deepest known part of a key path."""
        for end in range(len(key), -1, -1):
            if key[:end] in self.lines:
                return self.lines[key[:end]]
        return 1


def read_source(path: Path, shown_as: str | None = None) -> Source:
    """Read and parse one file, or raise QuestionnaireError naming its line."""
    name = shown_as or str(path)
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise _fail(name, 1, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _fail(name, 1, f"not UTF-8 text ({exc.reason})") from None
    try:
        _refuse_unsafe_events(name, text)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        message = f"malformed YAML: {exc.problem or exc.context}"
        started = exc.context_mark
        if started and mark and started.line != mark.line:
            message += f" ({exc.context} on line {started.line + 1})"
        raise _fail(name, line, message) from None
    except yaml.YAMLError as exc:
        raise _fail(name, 1, f"malformed YAML: {exc}") from None
    if root is None:
        raise _fail(name, 1, "the file is empty")
    lines: dict[Key, int] = {}
    data = _to_plain(name, root, (), lines, yaml.SafeLoader(""))
    return Source(name, data, lines, raw)


def _refuse_unsafe_events(name: str, text: str) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _fail(name, line, f"nested more than {MAX_DEPTH} levels deep (the limit)")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif _is_merge_key(event):
            raise _fail(name, line, "YAML merge keys (<<) are not allowed; write the keys out")
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _fail(name, line, "YAML anchors and aliases are not allowed; write it out")
        tag = getattr(event, "tag", None)
        if tag is not None:  # the parser leaves untagged nodes' tag as None
            raise _fail(name, line, f"YAML tags are not allowed ({tag})")


def _is_merge_key(event: yaml.Event) -> bool:
    """A plain (unquoted) `<<`, which YAML reads as a merge key wherever it stands."""
    return isinstance(event, yaml.ScalarEvent) and event.value == "<<" and event.style is None


def _to_plain(
    name: str, node: yaml.Node, key: Key, lines: dict[Key, int], loader: yaml.SafeLoader
) -> Any:
    lines[key] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _fail(name, key_node.start_mark.line + 1, "a key must be plain text")
            child = str(loader.construct_object(key_node))
            if child in out:
                line = key_node.start_mark.line + 1
                raise _fail(name, line, f"key '{child}' appears twice")
            out[child] = _to_plain(name, value_node, (*key, child), lines, loader)
            lines[(*key, child)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _to_plain(name, item, (*key, i), lines, loader) for i, item in enumerate(node.value)
        ]
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:  # e.g. the date 2025-02-30
        line = node.start_mark.line + 1
        raise _fail(name, line, f"cannot read '{_shortened(node.value)}' ({exc})") from None


def _shortened(value: object, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "..."


def _fail(name: str, line: int, message: str) -> QuestionnaireError:
    return QuestionnaireError([Problem(name, line, "", message)])
