"""`flask report ...`: comparisons and chart packs."""

from flask.cli import AppGroup

report_cli = AppGroup("report", help="Compare PRE with POST and make chart packs.")

# Commands in their own modules register themselves on the group when imported.
from . import (  # noqa: E402
    board_cli,  # noqa: F401
    compare_cli,  # noqa: F401
    pack_cli,  # noqa: F401
)
