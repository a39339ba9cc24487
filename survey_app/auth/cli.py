"""`flask users create EMAIL --role ROLE`: password from stdin, or generated and shown once."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from .accounts import AccountError, create_user
from .roles import ROLES

users_cli = AppGroup("users", help="Manage staff accounts.")


@users_cli.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True)
def create(email: str, role: str) -> None:
    """Create a staff account. Pipe a password in, or one is generated and printed once."""
    piped = None if sys.stdin.isatty() else sys.stdin.readline().rstrip("\r\n")
    try:
        user, generated = create_user(email, role, piped or None)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"created {user.role} {user.email}")
    if generated:
        click.echo(f"password (shown once): {generated}")
