"""Friendly error pages: no traceback ever reaches a user.

On the pupil's URLs the page is the pupil's own small page, in the pupil's language
(web/language.py); elsewhere it is the staff page, in English.
"""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

from ..extensions import db
from ..i18n import in_language
from ..respond.page import language_context
from .api import API_PREFIX
from .api import error as api_error
from .language import interface_language, is_pupil_request

MESSAGES = {
    400: (
        _l("Something went wrong with that request"),
        _l("Go back, refresh the page and try again."),
    ),
    403: (_l("You cannot see this page"), _l("Your account does not have access to it.")),
    404: (_l("Page not found"), _l("Check the web address or the code you typed.")),
    405: (_l("Page not found"), _l("Check the web address.")),
    410: (
        _l("This survey is closed"),
        _l("Thank you. Your teacher or group leader can tell you more."),
    ),
    413: (_l("That file is too big"), _l("Files must be smaller than 5 MB.")),
    500: (
        _l("Sorry, there is a problem"),
        _l("Try again later. Nothing you did caused this."),
    ),
}


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if exc.response is not None:  # a page the raiser made itself (e.g. sign-in's "too many")
            return exc.response
        code = exc.code or 500
        if request.path.startswith(API_PREFIX):  # e.g. a POST or an unknown path under it
            return api_error(code, _code_name(exc), exc.description or "")
        title, body = MESSAGES.get(code, (exc.name, exc.description or ""))
        return _page(title, body), code

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        db.session.rollback()
        app.logger.exception("unhandled error")
        if request.path.startswith(API_PREFIX):
            return api_error(500, "internal_server_error", "Try again later.")
        return _page(*MESSAGES[500]), 500


def _code_name(exc: HTTPException) -> str:
    return str(exc.name).lower().replace(" ", "_")


def _page(title: str, body: str) -> str:
    if not is_pupil_request():
        return render_template("error.html", title=title, body=body)
    lang = interface_language()
    with in_language(lang):
        return render_template(
            "respond/message.html", title=title, body=body, **language_context(lang)
        )
