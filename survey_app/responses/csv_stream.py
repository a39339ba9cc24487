"""Reading an uploaded CSV file a line at a time, within caps on bytes and lines.

Nothing holds the whole file: bytes are counted (and the file refused past `max_bytes`) as the
csv module asks for them, and lines are counted as they are read (refused past `max_lines`), so
a 500,000-line file costs a fraction of a second and no memory before its refusal. While reading,
a SHA-256 of the file's *content* is kept: the cells of each non-blank line, trimmed, so the same
forms saved again with other line endings, a byte-order mark or semicolons hash the same.

Excel writes semicolons between cells in locales whose decimal mark is a comma (much of Europe);
such a file is read as it is, told apart by its first line (item ids hold neither character).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO


@dataclass(frozen=True)
class Limits:
    """The caps of one import: the IMPORT_MAX_BYTES and IMPORT_MAX_ROWS settings."""

    max_bytes: int
    max_rows: int


class FileRefused(ValueError):
    """The file cannot be read at all: where (`line`, `column`) and a message for the person
    who saved it."""

    def __init__(self, line: int, message: str, column: int = 1):
        super().__init__(message)
        self.line = line
        self.column = column


UNDECODED = re.compile("[\udc80-\udcff]")  # what surrogateescape makes of a non-UTF-8 byte


class _Counted(io.RawIOBase):
    """A binary stream that refuses to be read past a byte cap."""

    def __init__(self, stream: IO[bytes], max_bytes: int):
        self._stream = stream
        self._left = max_bytes
        self.max_bytes = max_bytes

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]  # RawIOBase's signature
        chunk = self._stream.read(min(len(buffer), self._left + 1))
        if len(chunk) > self._left:
            raise FileRefused(1, f"the file is larger than {_size(self.max_bytes)}, the limit "
                              "(IMPORT_MAX_BYTES): split it into smaller files")  # fmt: skip
        self._left -= len(chunk)
        buffer[: len(chunk)] = chunk
        return len(chunk)


@dataclass
class CsvStream:
    """The file's lines as lists of cells, read on demand; `content_hash` once all are read."""

    stream: IO[bytes]
    limits: Limits
    delimiter: str = ","
    _hash: hashlib._Hash = field(default_factory=hashlib.sha256)
    _done: bool = False

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, cells) for every line, blank ones included; FileRefused past a cap,
        on text that is not UTF-8, or on a line the csv module cannot read."""
        text = io.TextIOWrapper(
            io.BufferedReader(_Counted(self.stream, self.limits.max_bytes)),
            encoding="utf-8-sig",
            errors="surrogateescape",  # a byte that is not UTF-8 is found in its cell, below
            newline="",
        )
        line = 0  # records, counted as a spreadsheet counts rows (a cell may hold a newline)
        try:
            first = text.readline()
            self.delimiter = ";" if ";" in first and "," not in first else ","
            for line, record in enumerate(
                csv.reader(_chain(first, text), delimiter=self.delimiter), 1
            ):
                if line > self.limits.max_rows + 1:  # line 1 names the columns
                    raise FileRefused(line, self._too_many())
                _refuse_undecoded(line, record)
                self._add_to_hash(record)
                yield line, record
        except csv.Error as exc:
            message = f"this is not a CSV file the import can read ({exc})"
            raise FileRefused(line + 1, message) from None
        self._done = True

    @property
    def content_hash(self) -> str:
        assert self._done, "the hash covers the whole file: read every record first"
        return self._hash.hexdigest()

    def _add_to_hash(self, record: list[str]) -> None:
        cells = [cell.strip() for cell in record]
        if any(cells):
            self._hash.update(json.dumps(cells, ensure_ascii=False).encode("utf-8") + b"\n")

    def _too_many(self) -> str:
        rows = self.limits.max_rows
        return (f"the file has more than {rows:,} lines of responses, the limit "
                "(IMPORT_MAX_ROWS): split it into smaller files")  # fmt: skip


def _refuse_undecoded(line: int, record: list[str]) -> None:
    for column, cell in enumerate(record, 1):
        if UNDECODED.search(cell):
            message = "the file is not UTF-8 text: in Excel, save it as 'CSV UTF-8'"
            raise FileRefused(line, message, column)


def _chain(first: str, rest: IO[str]) -> Iterator[str]:
    yield first
    yield from rest


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB" if n >= 1024 * 1024 else f"{n:,} bytes"
