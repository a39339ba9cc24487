"""Rendering the pupil's form page, and the blank form and thank-you page rendered once.

When a year group scans the QR code at once, showing the blank form is the hot path. Everything
on it except two hidden values (the response id and the form token) comes from a `PageInputs`,
so it is rendered once per process for each `PageInputs` and the two values are put in for each
request. The template sees nothing but what `PageInputs` holds, and the cache is keyed by the
`PageInputs` itself: a new input (reading direction, read-aloud, a nonce...) can only reach the
page by being added there, and is then in the key. The thank-you page is done the same way.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from flask import current_app, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import escape

from ..forms import FIELD_PREFIX
from ..i18n import in_language, language
from ..itemtypes import item_type
from ..questionnaire.schema import Questionnaire
from ..webfont import font_url
from .form_token import form_token
from .forms import new_response_id, response_form_class
from .links import Survey
from .notice import NoticeSettings, notice_settings
from .slotted_page import SlottedPage

CAPTIONS = {"pre": _l("Before the session"), "post": _l("After the session")}
# Placeholders made random at start-up, so no questionnaire text can contain them.
RESPONSE_ID_SLOT = f"response-id-{uuid.uuid4().hex}"
CSRF_SLOT = f"csrf-token-{uuid.uuid4().hex}"
NEXT_URL_SLOT = f"next-url-{uuid.uuid4().hex}"
_blank_pages: dict[PageInputs, SlottedPage] = {}
_thanks_pages: dict[PageInputs, SlottedPage] = {}


@dataclass(frozen=True)
class PageInputs:
    """Everything a pupil page shows except one pupil's answers, errors and hidden values.

    Equal inputs make the same page, so this object is the cache key. The questionnaire itself
    is identified by id, version and the hashes of the version and of the wording shown."""

    questionnaire_id: str
    version: int
    content_hash: str
    wording_hash: str
    phase: str
    language: str
    shared_devices: bool
    notice: NoticeSettings  # the settings the notice before question 1 shows
    questionnaire: Questionnaire = field(compare=False, repr=False)

    @classmethod
    def of(cls, survey: Survey) -> PageInputs:
        q = survey.questionnaire
        translated = q.translations.get(survey.language)
        return cls(
            q.id, q.version, q.content_hash, translated.content_hash if translated else "",
            survey.phase, survey.language, survey.shared_devices,
            notice_settings(current_app), q,
        )  # fmt: skip

    def template_context(self) -> dict[str, Any]:
        """What the templates may use: derived from these inputs alone."""
        q, lang = self.questionnaire, self.language
        items = q.items_for(self.phase)
        return {
            "q": q,
            **language_context(lang),
            "items": items,
            "prefix": FIELD_PREFIX,
            "shared": self.shared_devices,
            # Each item is drawn by its type's partial; faces' styles only when a type draws them.
            "partials": {item.id: item_type(item.type).partial for item in items},
            "faces": any(item_type(item.type).faces for item in items),
            "caption": CAPTIONS.get(self.phase),
            "about": self.notice,
            "kept_for": self.notice.kept_for(),
            # The switcher: each other language named in itself (i18n.LANGUAGES).
            "other_languages": [(c, language(c).name) for c in q.languages if c != lang],
        }


def language_context(lang: str) -> dict[str, Any]:
    """What every pupil page's base template reads about its language: `lang`, `dir` and the
    system fonts its script asks for (none for Latin-script languages)."""
    entry = language(lang)
    webfont = font_url(entry.webfont) if entry.webfont else None
    return {"lang": lang, "dir": entry.direction, "script": entry, "webfont_url": webfont}


class PageError(NamedTuple):
    """One field's error as the page shows it: beside the field, and in the summary at the top
    as a short link ("Question 4", or the label of a matching-code question)."""

    target: str  # the id of the field the summary's link goes to
    message: str
    number: int | None  # the question's number on the page; None for the matching code's
    label: str


@dataclass(frozen=True)
class FilledPage:
    """A page rendered once, with this request's values: as text, or gzip-compressed."""

    page: SlottedPage
    values: dict[str, str]

    def text(self) -> str:
        return self.page.text(self.values)

    def gzipped(self) -> bytes:
        return self.page.gzipped(self.values)


def blank_form(survey: Survey) -> FilledPage:
    """The empty form for this survey, with a new response id and its form token."""
    inputs = PageInputs.of(survey)
    page = _blank_pages.get(inputs)
    if page is None:
        form = response_form_class(survey)()
        form.response_id.data = RESPONSE_ID_SLOT
        page = SlottedPage(
            render_form(survey, form, token=CSRF_SLOT), (RESPONSE_ID_SLOT, CSRF_SLOT)
        )
        _blank_pages[inputs] = page
    response_id = new_response_id()
    token = token_for(survey, response_id)
    return FilledPage(page, {RESPONSE_ID_SLOT: escape(response_id), CSRF_SLOT: escape(token)})


def blank_form_page(survey: Survey) -> str:
    return blank_form(survey).text()


def thanks(survey: Survey, next_url: str) -> FilledPage:
    """The thank-you page; on shared devices its "Next person" link goes to `next_url`."""
    inputs = PageInputs.of(survey)
    page = _thanks_pages.get(inputs)
    if page is None:
        with in_language(inputs.language):
            text = render_template(
                "respond/thanks.html", **inputs.template_context(), next_url=NEXT_URL_SLOT
            )
        page = _thanks_pages[inputs] = SlottedPage(text, (NEXT_URL_SLOT,))
    return FilledPage(page, {NEXT_URL_SLOT: escape(next_url)})


def token_for(survey: Survey, response_id: str) -> str:
    """The anti-forgery token a form of this link with this response id carries."""
    return form_token(current_app.config["SECRET_KEY"], survey.link.token, response_id)


def render_form(
    survey: Survey,
    form: FlaskForm,
    *,
    token: str,
    notice: str | None = None,
    errors: list[PageError] | None = None,
) -> str:
    """The whole questionnaire for the survey's phase on one page, carrying `token`; its
    interface text in the language of its questions."""
    inputs = PageInputs.of(survey)
    with in_language(inputs.language):
        return render_template(
            "respond/form.html",
            **inputs.template_context(),
            form=form,
            errors=errors or [],
            has_errors=bool(errors),
            notice=notice,
            token=token,
        )
