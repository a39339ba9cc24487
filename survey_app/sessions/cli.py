"""`flask sessions ...` (filled in by the sessions work)."""

from flask.cli import AppGroup

sessions_cli = AppGroup("sessions", help="Create, show, close sessions and print their sheets.")
