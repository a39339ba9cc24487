"""`flask report ...`: comparisons and chart packs."""

from flask.cli import AppGroup

report_cli = AppGroup("report", help="Compare PRE with POST and make chart packs.")

# Commands in their own modules register themselves on the group when imported.
from . import compare_cli  # noqa: E402, F401
