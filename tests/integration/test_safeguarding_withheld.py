"""open_concern_answers: the (response, item) pairs under an open concern, for withholding."""

from __future__ import annotations

from survey_app.extensions import db
from survey_app.models import Concern, Response
from survey_app.safeguarding.withheld import open_concern_answers


def stored(session, uuid: str) -> Response:
    response = Response(response_uuid=uuid, session_id=session.id, phase="post",
                        questionnaire_id="sample", questionnaire_version=1, answers={})  # fmt: skip
    db.session.add(response)
    db.session.flush()
    return response


def concern(response: Response, item: str, status: str = "open") -> Concern:
    found = Concern(response_id=response.id, session_id=response.session_id, phase="post",
                    item_id=item, text="t", terms=["t"], categories=["bullying"],
                    status=status)  # fmt: skip
    db.session.add(found)
    return found


def test_only_open_concerns_of_the_sessions_asked_for(app, session):
    first, second = stored(session, "a" * 36), stored(session, "b" * 36)
    concern(first, "feedback")
    concern(second, "feedback", status="handled_in_school")
    concern(second, "change")
    db.session.commit()
    assert open_concern_answers([session.id]) == {(first.id, "feedback"), (second.id, "change")}
    assert open_concern_answers([session.id + 1]) == set()
    assert open_concern_answers([]) == set()


def test_a_concern_goes_with_its_response(app, session):
    response = stored(session, "c" * 36)
    concern(response, "feedback")
    db.session.commit()
    db.session.delete(response)
    db.session.commit()
    assert db.session.query(Concern).count() == 0
