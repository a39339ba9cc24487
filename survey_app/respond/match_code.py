"""The self-made code for shared devices: three facts a child knows, never a name or birthday.

First letter of a parent's or carer's first name, birth month, number of older brothers and
sisters (5 means 5 or more). Stored as "A-07-2"; `scoring.matching` pairs codes exactly first,
then one element apart, within a session. The letter may be of any script; code_parts.py reads
it, for this form and for paper forms alike (ADR 0038).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

from ..forms.match_fields import Answered, ChoiceAnswerField, InResponseSet, TextAnswerField
from ..i18n import N_
from ..questionnaire.schema import Option
from .code_parts import code_letter, match_code

# English labels are catalogue messages: the template shows each in the page's language.
MONTHS = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)  # fmt: skip
MONTH_OPTIONS = tuple(Option(value=n, label={"en": name}) for n, name in enumerate(MONTHS, 1))
SIBLING_OPTIONS = tuple(
    Option(value=n, label={"en": N_("5 or more") if n == 5 else str(n)}) for n in range(6)
)
LETTER_MESSAGE = _l("Enter the first letter of a parent's or carer's first name")
ONE_LETTER_MESSAGE = _l(
    "Type just one letter: the first letter of a parent's or carer's first name"
)


def _one_letter(form, field) -> None:
    if code_letter(field.data) is None:
        raise ValidationError(ONE_LETTER_MESSAGE)


class MatchCodeFields:
    """Mixed into the response form of a shared-devices session."""

    mc_letter = TextAnswerField(
        _l("First letter of a parent's or carer's first name"),
        [Answered(LETTER_MESSAGE), _one_letter],
    )
    mc_month = ChoiceAnswerField(
        _l("Month you were born"),
        [Answered(_l("Select the month you were born")), InResponseSet(_l("Select a month"))],
        options=MONTH_OPTIONS,
    )
    mc_siblings = ChoiceAnswerField(
        _l("How many older brothers and sisters do you have?"),
        [
            Answered(_l("Select how many older brothers and sisters you have")),
            InResponseSet(_l("Select how many older brothers and sisters you have")),
        ],
        options=SIBLING_OPTIONS,
    )


def match_code_from(form) -> str:
    """The code from a validated form that has MatchCodeFields."""
    letter = code_letter(form.mc_letter.data)
    assert letter is not None, "the form was validated"
    return match_code(letter, form.mc_month.data, form.mc_siblings.data)
