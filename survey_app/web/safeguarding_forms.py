"""The lead's decision form: what was done (three choices) and a note. The rules on the values
are the domain's (safeguarding/review.py); this only parses what was sent."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField

from ..safeguarding.review import MAX_NOTE
from ..safeguarding.scope import DECISIONS, STATUS_WORDS
from .report_forms import SelectChoice

DECISION_HINTS = {
    "no_action": "Read, and nothing to act on (a word used in another sense, say).",
    "handled_in_school": "Followed up in school under your safeguarding procedures.",
    "referred": "Passed to children's social care, the police or Prevent.",
}


class DecisionForm(FlaskForm):
    status = RadioField(
        "What was done?",
        choices=[
            SelectChoice(v, STATUS_WORDS[v]) if SelectChoice else (v, STATUS_WORDS[v])
            for v in DECISIONS
        ],
        validate_choice=True,
    )
    note = TextAreaField(
        "Note",
        description="What you did and why. The note is kept with the concern; it is not in the "
        "audit log.",
        render_kw={"rows": 5, "maxlength": MAX_NOTE},
    )
