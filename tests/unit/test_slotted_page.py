"""The pre-compressed pupil pages (respond/slotted_page.py, ADR 0026) unpack to exactly the page,
as one valid gzip member, whatever the values; Chromium reading them is tests/browser's part."""

from __future__ import annotations

import gzip
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from survey_app.respond.slotted_page import SlottedPage

A, B = "slot-a-0f3c", "slot-b-9e1d"


def unpacked(packed: bytes) -> str:
    """gzip.decompress checks the CRC and size; the stream must also end exactly at its end."""
    stream = zlib.decompressobj(zlib.MAX_WBITS | 16)
    text = stream.decompress(packed)
    assert stream.eof and stream.unused_data == b""
    assert gzip.decompress(packed) == text
    return text.decode()


def test_a_page_unpacks_to_the_page_with_its_values():
    page = SlottedPage("<p>" + "ab " * 400 + f'<input value="{A}"> {B}</p>', (A, B))
    values = {A: "0b6f2a4e-8c1d", B: "tok.en-ß"}
    assert unpacked(page.gzipped(values)) == page.text(values)
    assert page.text(values).endswith('<input value="0b6f2a4e-8c1d"> tok.en-ß</p>')
    assert len(page.gzipped(values)) < len(page.text(values)) / 5


def test_values_longer_than_one_stored_block_and_empty_values():
    page = SlottedPage(f"{A}middle{B}", (A, B))
    for values in ({A: "x" * 70_000, B: ""}, {A: "", B: ""}):
        assert unpacked(page.gzipped(values)) == page.text(values)


def test_a_slot_the_page_lacks_is_ignored_and_a_repeated_one_refused():
    page = SlottedPage("<p>no link here</p>", (A,))
    assert unpacked(page.gzipped({A: "/s/x"})) == "<p>no link here</p>"
    with pytest.raises(ValueError, match="at most once"):
        SlottedPage(f"{A} and {A}", (A,))
    with pytest.raises(ValueError, match="no value"):
        SlottedPage(f"{A}", (A,)).gzipped({})


@given(
    parts=st.lists(st.text(max_size=300), min_size=3, max_size=3),
    values=st.lists(st.text(max_size=300), min_size=2, max_size=2),
)
def test_any_page_and_values_unpack_exactly(parts, values):
    page_text = parts[0] + A + parts[1] + B + parts[2]
    if page_text.count(A) != 1 or page_text.count(B) != 1:
        return
    page = SlottedPage(page_text, (B, A))  # given in either order
    filled = {A: values[0], B: values[1]}
    assert unpacked(page.gzipped(filled)) == parts[0] + values[0] + parts[1] + values[1] + parts[2]
