"""Generated survey data for the report tests: a frame as `load_responses()` builds it, or the
same respondents stored in the database through real sessions.

Each respondent answers PRE and POST on their own device (so every pair matches by key); POST
answers lean one step higher, so changes are positive but not uniform.
"""

from __future__ import annotations

import uuid
from datetime import date

import numpy as np
import pandas as pd

from survey_app.extensions import db
from survey_app.models import Response
from survey_app.questionnaire.schema import Questionnaire

FREE_TEXT = "more friends"


def answers_for(q: Questionnaire, phase: str, rng: np.random.Generator) -> dict:
    """One respondent's answers to every item asked in this phase."""
    answers: dict = {}
    for item in q.items_for(phase):
        rs = q.response_set_of(item)
        if item.scored and rs is not None:
            values = rs.scored_values
            value = int(rng.choice(values[:-1])) + (
                int(rng.integers(0, 2)) if phase == "post" else 0
            )
            answers[item.id] = min(values[-1], value)
        elif rs is not None:
            answers[item.id] = rs.values[0]
        elif item.type == "number":
            answers[item.id] = int(rng.integers(0, 10))
        elif item.type == "text":
            answers[item.id] = FREE_TEXT
    return answers


def synthetic_frame(
    q: Questionnaire, groups: dict[str, int], seed: int = 0, programme: str = "Cohesion sessions"
) -> pd.DataFrame:
    """{organisation: respondents}: one session each; every respondent answers PRE and POST."""
    rng = np.random.default_rng(seed)
    rows, response_id = [], 0
    for s, (org, n) in enumerate(groups.items(), start=1):
        for person in range(n):
            for phase in ("pre", "post"):
                response_id += 1
                rows.append({
                    "response_id": response_id, "session_id": s, "organisation": org,
                    "programme": programme, "session_date": date(2024, 3, s % 28 + 1),
                    "phase": phase, "questionnaire_id": q.id, "questionnaire_version": q.version,
                    "respondent_key": f"key-{s}-{person}", "match_code": None,
                    "response_uuid": str(uuid.uuid5(uuid.NAMESPACE_OID, str(response_id))),
                    **answers_for(q, phase, rng),
                })  # fmt: skip
    return pd.DataFrame(rows)


def store_groups(
    registry, groups: dict[str, int], *, questionnaire_id: str = "sample", seed: int = 0,
    programme: str = "Cohesion sessions", session_date: date = date(2024, 3, 5),
    extra_answers: dict[str, dict] | None = None,
) -> dict[str, int]:  # fmt: skip
    """Create one session per organisation and store its respondents; returns session ids.

    `extra_answers` {organisation: {item: value}} overrides answers of that group's POST rows.
    """
    from survey_app.sessions.service import create_session

    q = registry.latest(questionnaire_id)
    rng = np.random.default_rng(seed)
    ids = {}
    for org, n in groups.items():
        session = create_session(registry, organisation=org, questionnaire_id=questionnaire_id,
                                 session_date=session_date, programme=programme,
                                 open_now=True,)  # fmt: skip
        ids[org] = session.id
        for person in range(n):
            for phase in ("pre", "post"):
                answers = answers_for(q, phase, rng)
                if phase == "post" and extra_answers and org in extra_answers:
                    answers.update(extra_answers[org])
                db.session.add(Response(
                    response_uuid=str(uuid.uuid4()), session_id=session.id, phase=phase,
                    questionnaire_id=q.id, questionnaire_version=q.version,
                    respondent_key=f"{org}-{person}", answers=answers,
                ))  # fmt: skip
    db.session.commit()
    return ids


def store_shared_tablets(registry, organisation: str, session_date: date, answers) -> None:
    """A session where 12 of 25 pupils keep their device between phases and 13 more answer each
    phase on a new one: 12 of 25 linked, a match rate of 48%. `answers(phase)` gives each
    response's answers."""
    from survey_app.sessions.service import create_session

    q = registry.latest("sample")
    session = create_session(registry, organisation=organisation, questionnaire_id="sample",
                             session_date=session_date, programme="P",
                             open_now=True)  # fmt: skip
    for phase in ("pre", "post"):
        for i in range(25):
            key = f"kept-{i}" if i < 12 else f"{phase}-{i}"
            db.session.add(Response(response_uuid=str(uuid.uuid4()), session_id=session.id,
                                    phase=phase, questionnaire_id=q.id,
                                    questionnaire_version=q.version, respondent_key=key,
                                    answers=answers(phase)))  # fmt: skip
    db.session.commit()
