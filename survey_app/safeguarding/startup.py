"""Loading the term lists when the app starts, refusing to start on any problem."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from .matcher import Matcher
from .terms import TermListError, load_folder

EXTENSION_KEY = "safeguarding_matcher"


def load_term_lists(app: Flask) -> Matcher:
    """Parse the term folder once; SystemExit with `path:line:` lines on a broken file."""
    try:
        lists = load_folder(Path(app.config["SAFEGUARDING_TERMS_DIR"]))
    except TermListError as exc:
        raise SystemExit(f"Refusing to start: safeguarding term list problems\n{exc}") from None
    matcher = Matcher(lists)
    app.extensions[EXTENSION_KEY] = matcher
    return matcher


def matcher_of(app: Flask) -> Matcher:
    """The matcher built at start-up."""
    matcher: Matcher = app.extensions[EXTENSION_KEY]
    return matcher
