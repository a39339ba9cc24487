"""`flask responses ...`: import paper responses, write templates, export data."""

from flask.cli import AppGroup

responses_cli = AppGroup("responses", help="Import, template and export responses.")
