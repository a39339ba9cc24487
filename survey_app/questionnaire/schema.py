"""The shape of a questionnaire file, as frozen typed objects.

Structure only: each model forbids unknown keys and checks the type of each value. What the
values mean together (references, translations, duplicates) is checked in `meaning.py`.
"""

from __future__ import annotations

import math
from functools import cached_property
from typing import Literal, cast

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..itemtypes import REGISTRY as ITEM_TYPES
from .problems import did_you_mean

Phase = Literal["pre", "post", "single"]
Audience = Literal["primary", "secondary", "adult", "stakeholder"]
ResponseKind = Literal["agreement", "frequency", "smiley", "choice"]
Face = Literal["very-sad", "sad", "neutral", "happy", "very-happy"]
# Which way is better: of a scale's score, or of an item's answer as worded (ADR 0035).
Better = Literal["higher", "lower"]

# The council's Community Cohesion Strategy priorities; a scale evidences exactly one.
PRIORITIES: dict[str, str] = {
    "safe-spaces": "Safe spaces to talk and build critical-analysis skills",
    "mixing": "Interacting with people from different backgrounds",
    "challenging-hate": "Challenging intolerance, discrimination and hate",
    "belonging": "A shared sense of belonging",
}
Priority = Literal["safe-spaces", "mixing", "challenging-hate", "belonging"]

# What each question type means lives in its ItemType object (survey_app/itemtypes/).
SCORED_TYPES = frozenset(name for name, t in ITEM_TYPES.items() if t.scored)
AGREEMENT_TYPES = frozenset(name for name, t in ITEM_TYPES.items() if t.agreement)

Id = Field(pattern=r"^[a-z][a-z0-9_]{0,62}$")
Text = dict[str, str]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Option(_Frozen):
    """One answer a person can pick."""

    value: int
    label: Text
    face: Face | None = None


class ResponseSet(_Frozen):
    """The answers offered for an item, which of them mean "missing", and which mean "agree"."""

    kind: ResponseKind
    options: tuple[Option, ...] = Field(min_length=2)
    dont_know: int | None = None
    prefer_not_to_say: int | None = None
    agree_values: tuple[int, ...] | None = None

    @cached_property  # read for every answer a pupil sends
    def values(self) -> tuple[int, ...]:
        return tuple(option.value for option in self.options)

    @property
    def missing_values(self) -> frozenset[int]:
        return frozenset(v for v in (self.dont_know, self.prefer_not_to_say) if v is not None)

    @property
    def scored_values(self) -> tuple[int, ...]:
        return tuple(sorted(v for v in self.values if v not in self.missing_values))

    @property
    def agreeing(self) -> tuple[int, ...]:
        """The values counted as agreeing: declared, or else the top two scored values."""
        return self.agree_values or self.scored_values[-2:]

    def label(self, value: int, language: str) -> str:
        return next(o.label[language] for o in self.options if o.value == value)


class Scale(_Frozen):
    """A construct measured by several items; its score is the mean of the answered items."""

    title: Text
    priority: Priority
    min_items: int | None = Field(default=None, ge=1)
    better: Better = "higher"

    def minimum_answered(self, k: int) -> int:
        """Items that must be answered for a score: the declared minimum, else ceil(k/2)."""
        return self.min_items or math.ceil(k / 2)


class Item(_Frozen):
    """One question. Its id is a measure: the same id in two versions means the same thing."""

    id: str = Id
    type: str
    text: Text
    hint: Text | None = None
    response_set: str | None = None
    scale: str | None = None
    reverse: bool = False
    # None: the default of `Questionnaire.better_of` (lower for a reverse-coded item).
    better: Better | None = None
    phases: tuple[Phase, ...] = Field(min_length=1)
    optional: bool = False
    max_length: int = Field(default=500, ge=1, le=2000)
    min: int | None = None
    max: int | None = None

    @field_validator("type")
    @classmethod
    def _registered_type(cls, name: str) -> str:
        if name not in ITEM_TYPES:
            known = ", ".join(ITEM_TYPES)
            raise ValueError(
                f"unknown item type '{name}'{did_you_mean(name, ITEM_TYPES)} ({known})"
            )
        return name

    @property
    def scored(self) -> bool:
        return self.type in SCORED_TYPES

    def in_phase(self, phase: str) -> bool:
        return phase in self.phases


class Translated(_Frozen):
    """A language added by a translation file beside the version (see translation.py)."""

    language: str
    revision: int
    status: Literal["draft", "reviewed"]
    content_hash: str
    file: str


class Questionnaire(_Frozen):
    """One immutable version of a questionnaire, as read from questionnaires/<id>/v<N>.yaml."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]{0,62}$")
    version: int = Field(ge=1)
    audience: Audience
    languages: tuple[str, ...] = Field(min_length=1)
    title: Text
    intro: Text
    thank_you: Text | None = None
    response_sets: dict[str, ResponseSet] = Field(default_factory=dict)
    scales: dict[str, Scale] = Field(default_factory=dict)
    items: tuple[Item, ...] = Field(min_length=1)
    # Days the responses of a session are kept after its date (`data purge`); None means the
    # RETENTION_DAYS setting. Policy, not content: not in the content hash, may change any time.
    retention_days: int | None = Field(default=None, ge=1, le=36500)
    content_hash: str = ""
    # Filled by the loader from v<N>.<lang>.yaml files, never written in the version file.
    translations: dict[str, Translated] = Field(default_factory=dict)

    def wording_revision(self, language: str) -> int:
        """The revision of the words shown in a language: 0 for the version file's own."""
        translated = self.translations.get(language)
        return translated.revision if translated else 0

    def draft_languages(self) -> tuple[str, ...]:
        return tuple(lang for lang, t in self.translations.items() if t.status == "draft")

    @property
    def phases(self) -> tuple[Phase, ...]:
        """The phases this questionnaire has links for, in order: (pre, post) or (single,)."""
        present = {phase for item in self.items for phase in item.phases}
        return cast(tuple[Phase, ...], tuple(p for p in ("pre", "post", "single") if p in present))

    @property
    def single_phase(self) -> bool:
        return self.phases == ("single",)

    def items_for(self, phase: str) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.in_phase(phase))

    def item(self, item_id: str) -> Item:
        return next(item for item in self.items if item.id == item_id)

    def scale_items(self, scale_id: str) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.scale == scale_id)

    def better_of(self, item: Item) -> Better:
        """Which way of an item's answer, as worded, is better: declared, or else its scale's
        direction (higher without a scale), turned round when the item is reverse-coded; so a
        reverse-coded worry item ("I feel nervous...") is better lower (ADR 0035)."""
        if item.better is not None:
            return item.better
        scale = self.scales.get(item.scale) if item.scale else None
        usual: Better = scale.better if scale else "higher"
        return _other_way(usual) if item.reverse else usual

    def score_better(self, item: Item) -> Better:
        """Which way of an item's coded score (turned round when reverse-coded) is better."""
        worded = self.better_of(item)
        return _other_way(worded) if item.reverse else worded

    def response_set_of(self, item: Item) -> ResponseSet | None:
        return self.response_sets.get(item.response_set) if item.response_set else None


def _other_way(better: Better) -> Better:
    return "lower" if better == "higher" else "higher"
