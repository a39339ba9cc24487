"""The fixed parts of the pupil's forms; the questions are added by survey_app.forms."""

from __future__ import annotations

import uuid

from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField

from ..forms import build_form_class
from .links import Survey
from .match_code import MatchCodeFields


class ResponseForm(FlaskForm):
    """Every answering form carries the response id made when it was first shown."""

    class Meta:
        # CSRFProtect checks every POST before the view runs; the form itself must also
        # validate without a token, to give a pupil their answers back when it expired.
        csrf = False

    response_id = HiddenField()


class SharedDeviceResponseForm(MatchCodeFields, ResponseForm):
    """On shared devices the form also asks for the self-made matching code."""


def response_form_class(survey: Survey) -> type[FlaskForm]:
    base = SharedDeviceResponseForm if survey.shared_devices else ResponseForm
    return build_form_class(survey.questionnaire, survey.phase, survey.language, base)


def new_response_id() -> str:
    return str(uuid.uuid4())


class GoForm(FlaskForm):
    """Typing a short code. A look-up changes nothing, so it needs no CSRF token."""

    class Meta:
        csrf = False

    code = StringField("Code")
