"""What a data file does with the words people wrote (issue 16 item 6, ADR 0034).

Every export shapes its rows in `exports.by_response`, which hands the free-text columns to
`FreeText.apply`: so no file can carry free text that skipped the mask. Callers say only
whether free text goes in at all (`True` is "in, masked"); the officers' downloads and the
command line take `for_officers`, which also withholds answers under an open safeguarding
concern; the admin's audited `responses export --unmasked` is the one caller that passes
`unmasked=True`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from ..safeguarding.masking import mask_personal_data
from ..safeguarding.withheld import open_concern_answers

WITHHELD = "[withheld until the safeguarding lead has reviewed it]"


@dataclass(frozen=True)
class FreeText:
    """Whether free text goes in, masked or not, and which answers are withheld: (response id,
    item id) pairs under an open safeguarding concern."""

    included: bool
    unmasked: bool = False
    withheld: frozenset[tuple[int, str]] = frozenset()

    @classmethod
    def of(cls, value: bool | FreeText) -> FreeText:
        """A caller's `free_text=True/False` as a policy: True includes it, masked."""
        return value if isinstance(value, FreeText) else cls(included=bool(value))

    def apply(self, frame: pd.DataFrame, ids: pd.Series, items: Iterable[str]) -> None:
        """Masks (or withholds) each free-text cell of `frame`, in place; `ids` are the
        database ids of its rows, which `withheld` is keyed by."""
        for item in items:
            cells = [
                self._cell(value, (int(response_id), item))
                for value, response_id in zip(frame[item], ids, strict=True)
            ]
            frame[item] = pd.Series(cells, index=frame.index, dtype=object)

    def withheld_among(self, frame: pd.DataFrame, items: Iterable[str]) -> int:
        """How many answers with words in them `frame` (rows as loaded) would withhold."""
        if not self.withheld or frame.empty:
            return 0
        ids = frame["response_id"].astype(int)
        return sum(
            1
            for item in items
            if item in frame.columns
            for value, response_id in zip(frame[item], ids, strict=True)
            if _has_words(value) and (response_id, item) in self.withheld
        )

    def _cell(self, value: object, key: tuple[int, str]) -> object:
        if not _has_words(value):
            return value
        if key in self.withheld:
            return WITHHELD
        return str(value) if self.unmasked else mask_personal_data(str(value))


def for_officers(responses: pd.DataFrame, *, unmasked: bool = False) -> FreeText:
    """Free text for an officer's (or the admin's command-line) file: in, masked unless
    `unmasked`, and withheld wherever a safeguarding concern about it is still open, so that a
    possible disclosure is read by the school's lead before anyone else (issue 16 item 6)."""
    sessions = responses["session_id"].dropna().unique() if "session_id" in responses else []
    withheld = open_concern_answers(int(session) for session in sessions)
    return FreeText(included=True, unmasked=unmasked, withheld=frozenset(withheld))


def _has_words(value: object) -> bool:
    return isinstance(value, str) and value.strip() != ""
