"""Rendering the pupil's form page, and the blank form and thank-you page rendered once.

When a year group scans the QR code at once, showing the blank form is the hot path. Everything
on it except two hidden values (the response id and the form token) depends only on the
questionnaire version, phase, language and device mode, so it is rendered once per process and
the two values are put in for each request. The thank-you page is done the same way, with the
"Next person" link put in.
"""

from __future__ import annotations

import uuid

from flask import current_app, render_template
from flask_wtf import FlaskForm
from markupsafe import escape

from ..forms import FIELD_PREFIX
from .form_token import form_token
from .forms import new_response_id, response_form_class
from .links import Survey

CAPTIONS = {"pre": "Before the session", "post": "After the session"}
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}
# Placeholders made random at start-up, so no questionnaire text can contain them.
RESPONSE_ID_SLOT = f"response-id-{uuid.uuid4().hex}"
CSRF_SLOT = f"csrf-token-{uuid.uuid4().hex}"
NEXT_URL_SLOT = f"next-url-{uuid.uuid4().hex}"
_blank_pages: dict[tuple, str] = {}
_thanks_pages: dict[tuple, str] = {}


def blank_form_page(survey: Survey) -> str:
    """The empty form for this survey, with a new response id and its form token."""
    q = survey.questionnaire
    key = (q.id, q.version, q.content_hash, survey.phase, survey.language, survey.shared_devices)
    page = _blank_pages.get(key)
    if page is None:
        form = response_form_class(survey)()
        form.response_id.data = RESPONSE_ID_SLOT
        page = render_form(survey, form, token=CSRF_SLOT)
        _blank_pages[key] = page
    response_id = new_response_id()
    token = token_for(survey, response_id)
    return page.replace(RESPONSE_ID_SLOT, escape(response_id)).replace(CSRF_SLOT, escape(token))


def thanks_page(survey: Survey, next_url: str) -> str:
    """The thank-you page; on shared devices its "Next person" link goes to `next_url`."""
    q = survey.questionnaire
    key = (q.id, q.version, q.content_hash, survey.language, survey.shared_devices)
    page = _thanks_pages.get(key)
    if page is None:
        page = render_template(
            "respond/thanks.html",
            q=q,
            lang=survey.language,
            shared=survey.shared_devices,
            next_url=NEXT_URL_SLOT,
        )
        _thanks_pages[key] = page
    return page.replace(NEXT_URL_SLOT, escape(next_url))


def token_for(survey: Survey, response_id: str) -> str:
    """The anti-forgery token a form of this link with this response id carries."""
    return form_token(current_app.config["SECRET_KEY"], survey.link.token, response_id)


def render_form(
    survey: Survey,
    form: FlaskForm,
    *,
    token: str,
    notice: str | None = None,
    errors: list[tuple[str, str]] | None = None,
) -> str:
    """The whole questionnaire for the survey's phase on one page, carrying `token`."""
    q = survey.questionnaire
    items = q.items_for(survey.phase)
    return render_template(
        "respond/form.html",
        q=q,
        lang=survey.language,
        items=items,
        form=form,
        prefix=FIELD_PREFIX,
        shared=survey.shared_devices,
        faces=any(item.type == "smiley" for item in items),
        caption=CAPTIONS.get(survey.phase),
        other_languages=[
            (c, LANGUAGE_NAMES.get(c, c)) for c in q.languages if c != survey.language
        ],
        errors=errors or [],
        has_errors=bool(errors),
        notice=notice,
        token=token,
    )
