"""The audit log: who did what, when. Call `record(action, **details)` after any change or
download; never pass answer text. `audit list` and the admin page read it."""

from .log import ACTIONS, record

__all__ = ["ACTIONS", "record"]
