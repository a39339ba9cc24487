"""Public respondent routes: the pupil's form, the thank-you page and typing a short code at /go.

Printed QR codes point here for years: the URLs are listed in tests/public_routes.txt.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import (
    Blueprint,
    current_app,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_limiter import RequestLimit
from flask_wtf import FlaskForm

from ..extensions import csrf, limiter
from ..forms import answers_from, field_name
from ..i18n import INTERFACE_LANGUAGES, in_language
from ..questionnaire.startup import registry_of
from ..respond import abuse_limits
from ..respond.abuse_limits import AnswerLimits
from ..respond.device import device_key, device_secret, new_device_secret, remember_device
from ..respond.form_token import issued_at, issued_response_id
from ..respond.forms import GoForm, new_response_id, response_form_class
from ..respond.late import Timing, accepted
from ..respond.links import OpenedLink, Survey, find_link, link_for_code, survey_for
from ..respond.match_code import match_code_from
from ..respond.offline import spare_ids
from ..respond.page import (
    FilledPage,
    PageError,
    blank_form,
    language_context,
    render_form,
    token_for,
)
from ..respond.page import thanks as thanks_page
from ..respond.store import is_stored, parse_response_id, store_response
from ..safeguarding.after_submit import check_stored_answers
from ..sessions.schedule import CLOCK_KEY, now
from .language import interface_language

bp = Blueprint("respond", __name__)

MATCH_CODE_FIELDS = ("mc_letter", "mc_month", "mc_siblings")
EXPIRED_NOTICE = _l(
    "This page was open for a long time, so we could not send your answers yet. "
    "Check them, then press “Send my answers” again."
)
TOO_LATE_NOTICE = _l(
    "This survey has closed, so these answers cannot be sent any more. "
    "Show this page to your teacher or group leader."
)


class NoForm(Exception):
    """Instead of the form: a friendly page for an unknown, pending or closed link, or a
    redirect. Raised by `_open_survey`, so every route that shows a form refuses the same way."""

    def __init__(self, response: ResponseReturnValue):
        super().__init__("no form")
        self.response = response


UNKNOWN = (
    404,
    _l("We cannot find that survey"),
    _l("Check the web address is typed correctly."),
    True,
)
NOT_OPEN = (
    404,
    _l("This survey is not open yet"),
    _l("Your teacher or group leader will tell you when."),
)
CLOSED = (
    410,
    _l("This survey is closed"),
    _l("Thank you. Your teacher or group leader can tell you more."),
)
SLOW_DOWN = (
    429,
    _l("Please wait a few minutes"),
    _l("Lots of answers came from here in a short time, so we have paused this survey here for "
       "a few minutes. Your teacher or group leader can tell you when to try again."),
)  # fmt: skip


# No after_request here: web/headers.py gives every page here no-store (shared tablets: Back or
# a reload must never bring a previous pupil's answers back) and a same-origin Referrer-Policy.


@bp.errorhandler(NoForm)
def _no_form(exc: NoForm):
    return exc.response


def _message(
    status: int, title: str, body: str, show_go: bool = False, language: str | None = None
) -> NoForm:
    """A friendly page in the survey's language, or (no survey) the interface's choice."""
    lang = language or interface_language()
    with in_language(lang):
        page = render_template(
            "respond/message.html", title=title, body=body, show_go=show_go,
            **language_context(lang),
        )  # fmt: skip
    return NoForm((page, status))


@bp.route("/s/<token>", methods=["GET", "POST"])
@csrf.exempt  # the form carries its own token, made from its response id (respond/form_token.py)
def form(token: str):
    survey = _open_survey(token)
    if request.method == "GET":
        return _with_device_cookie(survey, _cached_page(blank_form(survey)))
    if _switched_language():  # stores nothing, so no answer limit applies
        return _switch_language(survey, response_form_class(survey)())
    limits = AnswerLimits(
        survey.link.token, None if survey.shared_devices else device_secret(request)
    )
    if not limits.allow():  # the link or the device stored its limit: nothing more is stored
        kept = parse_response_id(request.form.get("response_id"))
        if kept and is_stored(kept):  # a retry of an answer kept before the limit
            return redirect(_url_for("respond.thanks", survey), 303)
        raise _message(*SLOW_DOWN, language=survey.language)
    form = response_form_class(survey)()
    checked = _checked_response_id(survey, form)
    if checked is None:
        return _expired(survey, form)
    response_id, timing = checked
    form.response_id.data = response_id
    if not form.validate():
        if is_stored(response_id):
            return _fresh_form(survey)
        return _form_page(survey, form, status=200)
    return _submit(survey, form, response_id, limits, timing)


@bp.route("/s/<token>/thanks")
def thanks(token: str):
    link = find_link(token)
    if link is None or link.state_now() == "pending":
        raise _message(*UNKNOWN)
    survey = _survey_of(link)
    return _cached_page(thanks_page(survey, next_url=_url_for("respond.form", survey)))


def _cached_page(filled: FilledPage):
    """A page rendered once: gzipped without compressing it again when the browser accepts it
    (every browser does, ADR 0026), else plain. web/compression.py leaves it as it is."""
    if request.accept_encodings["gzip"] <= 0:
        return current_app.make_response(filled.text())
    response = current_app.make_response(filled.gzipped())
    response.content_type = "text/html; charset=utf-8"
    response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    return response


def _too_many_codes(_limit: RequestLimit):
    return _go_page(_l("Too many codes were typed here. Wait a few minutes, then try again."), 429)


@bp.route("/go", methods=["GET", "POST"])
@csrf.exempt  # a look-up changes nothing; a pupil must never be stuck on an expired token
@limiter.limit(abuse_limits.go_limit, key_func=abuse_limits.go_key, methods=["POST"],
               on_breach=_too_many_codes)  # fmt: skip
def go():
    form = GoForm()
    typed = (form.code.data or "").strip()[:40]
    error = None
    if request.method == "POST":
        link = link_for_code(typed) if typed else None
        if link is not None:
            wanted = request.args.get("lang")
            lang = wanted if wanted in INTERFACE_LANGUAGES else None
            return redirect(url_for("respond.form", token=link.token, lang=lang), 303)
        error = _l("We cannot find that code. Check it on the sheet and type it again")
        if not typed:
            error = _l("Enter the code from the sheet")
    return _go_page(error, 200, typed)


def _go_page(error: str | None, status: int, typed: str = ""):
    lang = interface_language()
    with in_language(lang):
        page = render_template(
            "respond/go.html", typed=typed, error=error, has_errors=bool(error),
            **language_context(lang),
        )  # fmt: skip
    return make_response(page, status)


def _checked_response_id(survey: Survey, form: FlaskForm) -> tuple[str, Timing] | None:
    """The form's response id and its times, if this link's form was given that id and token
    here and the answers may still be stored: in time, or late but within the grace period
    after the phase closed (respond/late.py, docs/decisions/0028)."""
    response_id = parse_response_id(form.response_id.data)
    config = current_app.config
    token = request.form.get("csrf_token")
    issued = issued_at(config["SECRET_KEY"], survey.link.token, response_id or "", token)
    if response_id is None or issued is None:
        return None
    timing = Timing(
        _utc(issued), _received(), _claimed_completion(request.form.get("completed_at"))
    )
    max_age = timedelta(seconds=config["FORM_TOKEN_MAX_AGE"])
    grace = timedelta(seconds=config["LATE_ANSWER_GRACE"])
    if not accepted(timing, survey.link.closed_since(), max_age, grace):
        return None
    return response_id, timing


def _claimed_completion(raw: str | None) -> datetime | None:
    """The offline script's "completed at" (milliseconds since 1970, the tablet's clock)."""
    try:
        return _utc(int(raw or "") / 1000)
    except (ValueError, OverflowError, OSError):
        return None


def _received() -> datetime:
    """Now, by the clock tokens are signed with (time.time), unless a test injected one."""
    return now() if current_app.config.get(CLOCK_KEY) else _utc(time.time())


def _utc(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC).replace(tzinfo=None)


def _expired(survey: Survey, form: FlaskForm):
    """An expired, missing or forged token: give the form back filled in, with a token that is
    good now and a notice to press Send again. Nothing is stored. A page left open too long
    keeps the id it was given (its old token proves we issued it for this link); any other
    token (forged, another page's or another link's) gets a new id, so a client never gets a
    valid token for an id of its own choosing (docs/decisions/0012)."""
    form.validate()
    secret, token = current_app.config["SECRET_KEY"], request.form.get("csrf_token")
    issued = issued_response_id(secret, survey.link.token, token)
    honest = issued is not None and issued == parse_response_id(form.response_id.data)
    if honest and issued is not None and is_stored(issued):
        return _fresh_form(survey)
    if survey.link.state_now() != "open":
        if not honest:  # not a form this link gave out: the closed page, as for a GET
            raise _message(*CLOSED, language=survey.language)
        # Too late even for answers kept on a tablet: they stay on screen, nothing is stored.
        return _form_page(survey, form, status=410, notice=TOO_LATE_NOTICE)
    form.response_id.data = issued if honest else new_response_id()
    return _form_page(survey, form, status=200, notice=EXPIRED_NOTICE)


def _switched_language() -> str | None:
    """The language a pupil chose on the form's switcher (a submit button), if they did."""
    if request.method != "POST":
        return None
    return request.form.get("switch_language", type=str) or None


def _switch_language(survey: Survey, form: FlaskForm):
    """The same form again in the chosen language (the survey's language already), with the
    pupil's answers filled in: nothing validated, nothing stored. It keeps its response id if
    this link's form was given it here, however old its token (as `_expired` does), else gets a
    new one; an id already stored is never shown with answers again (docs/decisions/0030)."""
    secret, token = current_app.config["SECRET_KEY"], request.form.get("csrf_token")
    issued = issued_response_id(secret, survey.link.token, token)
    if issued is not None and issued == parse_response_id(form.response_id.data):
        if is_stored(issued):
            return _fresh_form(survey)
        form.response_id.data = issued
    else:
        form.response_id.data = new_response_id()
    return _form_page(survey, form, status=200)


def _fresh_form(survey: Survey):
    """A form whose response id is already stored was sent again (Back, reload or "resubmit"
    on a shared tablet): its answers belong to whoever sent them, so they are never shown
    again. A 303 to the form gives a new, empty one, and a reload of it re-sends nothing
    (docs/decisions/0030)."""
    return redirect(_url_for("respond.form", survey), 303)


def _open_survey(token: str) -> Survey:
    """The survey behind an open link; raises NoForm for any other link."""
    link = find_link(token)
    if link is None:
        raise _message(*UNKNOWN)
    survey = _survey_of(link)
    state = link.state_now()
    if state == "pending":
        raise _message(*NOT_OPEN, language=survey.language)
    if state != "open":
        if request.method != "POST":
            raise _message(*CLOSED, language=survey.language)
        # A retry of an answer stored just before the phase closed still gets its thank-you.
        response_id = parse_response_id(request.form.get("response_id"))
        if response_id and is_stored(response_id):
            raise NoForm(redirect(url_for("respond.thanks", token=token), 303))
        # Answers completed while it was open may still arrive: judged by the form's token.
    return survey


def _survey_of(link: OpenedLink) -> Survey:
    """The link's survey in the language of the link, else of the browser (respond/language.py)."""
    accept = request.headers.get("Accept-Language", "")
    wanted = _switched_language() or request.args.get("lang")
    return survey_for(link, registry_of(current_app), wanted, accept)


def _submit(
    survey: Survey, form: FlaskForm, response_id: str, limits: AnswerLimits, timing: Timing
):
    """Store once (a repeated response id is a no-op) and go to the thank-you page."""
    if survey.shared_devices:
        key, new_secret, code = None, None, match_code_from(form)
    else:
        (key, new_secret), code = device_key(request, survey.link.session_id), None
    answers = answers_from(form, survey.questionnaire.items_for(survey.phase))
    response = redirect(_url_for("respond.thanks", survey), 303)  # before the commit expires it
    stored = store_response(
        survey, response_id, answers, respondent_key=key, match_code=code,
        completed_at=timing.completed, received_at=timing.received,
    )  # fmt: skip
    if stored:
        limits.count()  # only new answers count, never a replay
        # After the commit, and unable to fail this request (safeguarding/after_submit.py).
        check_stored_answers(survey.questionnaire, stored, answers, survey.language)
    if new_secret:
        remember_device(response, new_secret, _secure_cookies())
    return response


def _form_page(survey: Survey, form: FlaskForm, status: int, notice: str | None = None):
    """The form with this request's answers and errors (the blank form is cached instead)."""
    token = token_for(survey, form.response_id.data)  # a response id we issued (see callers)
    errors = _errors_in_page_order(form, survey)
    page = render_form(survey, form, token=token, notice=notice, errors=errors)
    return _with_device_cookie(survey, current_app.make_response((page, status)))


def _with_device_cookie(survey: Survey, response):
    if not survey.shared_devices and device_secret(request) is None:
        remember_device(response, new_device_secret(), _secure_cookies())
    return response


def _errors_in_page_order(form: FlaskForm, survey: Survey) -> list[PageError]:
    """Each field's first error, in page order, with the question's number (None for the
    matching code's questions, which the summary names by their label)."""
    code = MATCH_CODE_FIELDS if survey.shared_devices else ()
    fields: list[tuple[Any, int | None]] = [(form[name], None) for name in code]
    items = survey.questionnaire.items_for(survey.phase)
    fields += [(form[field_name(item.id)], n) for n, item in enumerate(items, 1)]
    return [PageError(f.id, f.errors[0], n, f.label.text) for f, n in fields if f.errors]


def _url_for(endpoint: str, survey: Survey) -> str:
    """A URL of this survey's link that keeps a language other than the default."""
    lang = survey.language if survey.language != survey.questionnaire.languages[0] else None
    return url_for(endpoint, token=survey.link.token, lang=lang)


def _secure_cookies() -> bool:
    return bool(current_app.config.get("SESSION_COOKIE_SECURE")) or request.is_secure


@bp.route("/s/<token>/offline")
def offline(token: str):
    """For offline.js, after the form loaded: this session's open forms and spare ids for each
    (respond/offline.py), and how long the tablet may keep answers (ADR 0028)."""
    survey = _open_survey(token)
    config = current_app.config
    lang = survey.language if survey.language != survey.questionnaire.languages[0] else None
    forms = [
        {
            "path": url_for("respond.form", token=spare.link.token),
            "url": url_for("respond.form", token=spare.link.token, lang=lang),
            "phase": spare.link.phase,
            "ids": [list(pair) for pair in spare.pairs],
        }
        for spare in spare_ids(config["SECRET_KEY"], survey.link.session_id)
    ]
    keep_ms = 1000 * config["LATE_ANSWER_GRACE"]
    return jsonify(forms=forms, keep_ms=keep_ms, form_ms=1000 * config["FORM_TOKEN_MAX_AGE"])


@bp.route("/sw.js")
def service_worker():
    """The pupil forms' service worker, at the top so that it may control /s/ (ADR 0028)."""
    # no-store, as every response here (web/headers.py): a new release reaches tablets at once.
    return current_app.send_static_file("sw.js")
