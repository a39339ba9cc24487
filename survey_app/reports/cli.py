"""`flask report ...`: comparisons and chart packs."""

from flask.cli import AppGroup

report_cli = AppGroup("report", help="Compare PRE with POST and make chart packs.")
