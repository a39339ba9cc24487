"""A page rendered once with slots for its per-request values, sent plain or gzip-compressed.

The pupil's blank form and thank-you page are rendered once (ADR 0005) and differ per request
only in a few short values (a response id, its form token, a link). Compressing the whole page on
every request cost a fifth of the submission throughput (bench/throughput.py), so the fixed parts
are compressed once, at the highest level, and each request only wraps its values in stored
(uncompressed) deflate blocks between them (ADR 0026). The result is one ordinary gzip member:

    header | deflate(part 0), sync-flushed | stored(value 0) | deflate(part 1) ... | CRC32, size

Each fixed part is compressed by its own compressor and ends on a byte boundary, so no block
refers back into another part or a value, and every block but the last part's is non-final.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Mapping

# RFC 1952: magic, deflate, no flags, no time, no extra flags, unknown OS.
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
RAW_DEFLATE = -15  # wbits: a raw deflate stream, the gzip container is written here
MAX_STORED = 0xFFFF  # the longest a single stored block can be (RFC 1951, 3.2.4)


class SlottedPage:
    """`page` with `slots` (unique placeholder strings) to fill. A slot may be absent (the
    thank-you page has its "Next person" link only on shared devices), never repeated."""

    def __init__(self, page: str, slots: tuple[str, ...]) -> None:
        repeated = [slot for slot in slots if page.count(slot) > 1]
        if repeated:
            raise ValueError(f"a slot may appear at most once in the page: {repeated}")
        present = [slot for slot in slots if slot in page]
        self.slots = tuple(sorted(present, key=page.index))  # in the order they appear
        parts, rest = [], page
        for slot in self.slots:
            before, _, rest = rest.partition(slot)
            parts.append(before.encode())
        parts.append(rest.encode())
        self._parts = tuple(parts)
        last = len(parts) - 1
        self._packed = tuple(_deflated(part, final=i == last) for i, part in enumerate(parts))

    def text(self, values: Mapping[str, str]) -> str:
        """The page with every slot filled (values must already be escaped for HTML)."""
        return b"".join(self._pieces(values)).decode()

    def gzipped(self, values: Mapping[str, str]) -> bytes:
        """The same page as one gzip member, compressing nothing but the fixed parts (cached)."""
        body, crc, size = [GZIP_HEADER], 0, 0
        filled = [value.encode() for value in self._values(values)]
        for index, part in enumerate(self._parts):
            body.append(self._packed[index])
            crc, size = zlib.crc32(part, crc), size + len(part)
            if index < len(filled):
                body.append(_stored(filled[index]))
                crc, size = zlib.crc32(filled[index], crc), size + len(filled[index])
        body.append(struct.pack("<II", crc, size & 0xFFFFFFFF))
        return b"".join(body)

    def _values(self, values: Mapping[str, str]) -> list[str]:
        missing = set(self.slots) - set(values)
        if missing:
            raise ValueError(f"no value for the slots {sorted(missing)}")
        return [values[slot] for slot in self.slots]

    def _pieces(self, values: Mapping[str, str]) -> list[bytes]:
        filled = [value.encode() for value in self._values(values)]
        pieces = []
        for index, part in enumerate(self._parts):
            pieces.append(part)
            if index < len(filled):
                pieces.append(filled[index])
        return pieces


def _deflated(data: bytes, *, final: bool) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, RAW_DEFLATE)
    return compressor.compress(data) + compressor.flush(
        zlib.Z_FINISH if final else zlib.Z_SYNC_FLUSH
    )


def _stored(data: bytes) -> bytes:
    """`data` as non-final stored blocks; the stream is byte-aligned here (after a sync flush),
    so each block's 3 header bits and padding take one zero byte."""
    blocks = []
    for start in range(0, len(data), MAX_STORED):
        chunk = data[start : start + MAX_STORED]
        blocks.append(b"\x00" + struct.pack("<HH", len(chunk), len(chunk) ^ 0xFFFF) + chunk)
    return b"".join(blocks)
