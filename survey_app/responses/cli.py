"""`flask responses ...`: import paper responses, write templates, export data."""

from flask.cli import AppGroup

responses_cli = AppGroup("responses", help="Import, template and export responses.")

# Commands in their own modules register themselves on the group when imported.
from . import (  # noqa: E402
    export_cli,  # noqa: F401
    import_cli,  # noqa: F401
)
