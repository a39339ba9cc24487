"""Friendly error pages: no traceback ever reaches a user."""

from __future__ import annotations

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException

from ..extensions import db

MESSAGES = {
    400: ("Something went wrong with that request", "Go back, refresh the page and try again."),
    403: ("You cannot see this page", "Your account does not have access to it."),
    404: ("Page not found", "Check the web address or the code you typed."),
    405: ("Page not found", "Check the web address."),
    410: ("This survey is closed", "Thank you. Your teacher or group leader can tell you more."),
    413: ("That file is too big", "Files must be smaller than 5 MB."),
    500: ("Sorry, there is a problem", "Try again later. Nothing you did caused this."),
}


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if exc.response is not None:  # a page the raiser made itself (e.g. sign-in's "too many")
            return exc.response
        code = exc.code or 500
        title, body = MESSAGES.get(code, (exc.name, exc.description or ""))
        return render_template("error.html", title=title, body=body), code

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        db.session.rollback()
        app.logger.exception("unhandled error")
        title, body = MESSAGES[500]
        return render_template("error.html", title=title, body=body), 500
