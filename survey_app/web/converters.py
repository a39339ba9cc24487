"""URL converters: an `<int:...>` in any route matches only what a database id can hold."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

# PostgreSQL's `integer` (our id columns) holds up to 2**31 - 1; a larger number in a URL would
# overflow in the driver and reach the user as a 500 (issue 12). It is simply no such page: 404.
MAX_ID = 2**31 - 1


class DatabaseId(IntegerConverter):
    """Like `int`, but from 0 to MAX_ID only; anything else is a 404."""

    def __init__(self, map, *args, **kwargs) -> None:  # noqa: A002 - werkzeug's own name
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def register(app: Flask) -> None:
    """Replace `int` before any blueprint adds its rules."""
    app.url_map.converters["int"] = DatabaseId
