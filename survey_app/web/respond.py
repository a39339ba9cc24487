"""Public respondent routes (filled in by the answering-flow work)."""

from flask import Blueprint

bp = Blueprint("respond", __name__)
