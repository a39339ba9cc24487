"""A date typed on the command line (YYYY-MM-DD), for click options of every CLI group."""

from __future__ import annotations

from datetime import date

import click


def iso_date(_ctx, _param, value: str | None) -> date | None:
    """click callback: None stays None; anything but YYYY-MM-DD is a usage error that says so."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date: use YYYY-MM-DD") from None
