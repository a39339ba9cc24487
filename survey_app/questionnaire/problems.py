"""One-line, human-readable problems found in a questionnaire file."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """`path:line: where: message`, the only way a questionnaire error is ever shown."""

    path: str
    line: int
    where: str
    message: str
    column: str = ""  # a spreadsheet's column letter: `sheet.xlsx:<row>:<column>: message`

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        column = f":{self.column}" if self.column else ""
        return f"{self.path}:{self.line}{column}: {where}{self.message}"


class QuestionnaireError(Exception):
    """Raised with every problem found, so one run reports them all."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix for a misspelt reference, or ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def dotted(path: tuple[str | int, ...]) -> str:
    """('items', 3, 'scale') -> 'items[3].scale'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
