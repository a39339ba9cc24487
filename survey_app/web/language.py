"""The interface language of a request that has no questionnaire to decide it.

Pupil pages with a questionnaire set their language themselves (respond/page.py renders inside
`in_language`); this chooses for the rest: the /go page, the page for an unknown link and the
error pages a pupil can reach take `?lang=`, then Accept-Language, among the languages the
interface has. Staff pages are English (their text is in the catalogue, untranslated so far).
"""

from __future__ import annotations

from flask import Flask, request

from ..i18n import INTERFACE_LANGUAGES, catalogue_locale
from ..respond.language import choose_language

# The public answering URLs (tests/public_routes.txt): where a pupil can be.
PUPIL_PATHS = ("/s/", "/go")


def is_pupil_request() -> bool:
    return request.path.startswith(PUPIL_PATHS)


def interface_language() -> str:
    """For a pupil page without a questionnaire: the link's, then the browser's, then English."""
    wanted = request.args.get("lang")
    return choose_language(wanted, request.headers.get("Accept-Language", ""), INTERFACE_LANGUAGES)


def select_locale() -> str:
    """Flask-Babel's choice, used by whatever is translated outside an `in_language` block."""
    return catalogue_locale(interface_language()) if is_pupil_request() else "en"


def register(app: Flask) -> None:
    from ..extensions import babel

    babel.init_app(app, locale_selector=select_locale)
