"""The questionnaires loaded at start-up, looked up by id and version."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .schema import Questionnaire


class Registry:
    """Immutable lookup of every loaded questionnaire version."""

    def __init__(self, questionnaires: Iterable[Questionnaire]):
        self._by_key = {(q.id, q.version): q for q in questionnaires}

    def __iter__(self) -> Iterator[Questionnaire]:
        return iter(sorted(self._by_key.values(), key=lambda q: (q.id, q.version)))

    def __len__(self) -> int:
        return len(self._by_key)

    def get(self, questionnaire_id: str, version: int) -> Questionnaire:
        """One version; KeyError if it is not loaded."""
        return self._by_key[(questionnaire_id, version)]

    def latest(self, questionnaire_id: str) -> Questionnaire:
        """The newest version of a questionnaire; KeyError if there is none."""
        versions = [q for (qid, _), q in self._by_key.items() if qid == questionnaire_id]
        if not versions:
            raise KeyError(questionnaire_id)
        return max(versions, key=lambda q: q.version)

    def ids(self) -> list[str]:
        return sorted({qid for qid, _ in self._by_key})
