"""`flask safeguarding scan`: every stored response not yet scanned, checked for listed terms.

The pupil's request checks its own answers after the commit (after_submit.py), but a failure
there is swallowed, so this daily scan reads every response without a scan record and raises
what was missed. Concerns are once per (response, question), so reading a response twice never
makes a second one. Paper imports are scanned the same way when they are stored.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app

from ..extensions import db
from ..models import Response, SafeguardingScan
from ..questionnaire.registry import Registry
from ..questionnaire.startup import registry_of
from .flagging import flagged_answers, raise_concerns
from .matcher import Matcher
from .startup import matcher_of

BATCH = 500
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScanResult:
    responses: int
    concerns: int


def scan_unscanned(registry: Registry, matcher: Matcher, *, again: bool = False) -> ScanResult:
    """Check every response without a scan record (with `again`, every response: after the
    lists gained terms), in batches; record each as scanned."""
    if again:
        db.session.execute(sa.delete(SafeguardingScan))
        db.session.commit()
    responses = concerns = 0
    while batch := _next_batch():
        concerns += scan_responses(batch, registry, matcher)
        responses += len(batch)
    return ScanResult(responses, concerns)


def scan_responses(responses: Sequence[Response], registry: Registry, matcher: Matcher) -> int:
    """Raise the concerns of these stored responses and record them as scanned; how many
    concerns were new."""
    made = 0
    scanned = [r.id for r in responses]
    for response in responses:
        try:
            questionnaire = registry.get(response.questionnaire_id, response.questionnaire_version)
        except KeyError:  # start-up refuses a version a session uses; be safe anyway
            continue
        found = flagged_answers(matcher, questionnaire, response.answers, response.language)
        made += raise_concerns(response.id, response.session_id, response.phase, found)
    db.session.add_all(SafeguardingScan(response_id=rid) for rid in scanned)
    db.session.commit()
    return made


def scan_after_import(responses: Sequence[Response]) -> None:
    """Scan just-imported paper responses; like the pupil's check, never fails the import."""
    try:
        scan_responses(responses, registry_of(current_app), matcher_of(current_app))
    except Exception:  # noqa: BLE001 - the import is stored; the daily scan will retry
        log.exception("safeguarding scan after a paper import failed; the daily scan will retry")
        db.session.rollback()


def _next_batch() -> list[Response]:
    unscanned = ~sa.exists().where(SafeguardingScan.response_id == Response.id)
    query = sa.select(Response).where(unscanned).order_by(Response.id).limit(BATCH)
    return list(db.session.scalars(query))
