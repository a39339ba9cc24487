"""`flask users create|deactivate|reactivate|set-role|reset EMAIL`: staff accounts from the
command line, audited like the admin page (the actor is recorded as nobody: the server)."""

from __future__ import annotations

import sys
from collections.abc import Callable

import click
from flask.cli import AppGroup

from . import reset_links
from .accounts import AccountError, create_user, deactivate, find_user, reactivate, set_role
from .lead_scope import ScopeError, organisations_named, set_organisations
from .roles import ROLES, SAFEGUARDING

users_cli = AppGroup("users", help="Manage staff accounts.")


def _run(change: Callable[[], str]) -> None:
    """Do a change and print what was done, or its reason as a plain error (no traceback)."""
    try:
        click.echo(change())
    except (AccountError, ScopeError) as exc:
        raise click.ClickException(str(exc)) from None


@users_cli.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option(
    "--org",
    "orgs",
    multiple=True,
    metavar="NAME",
    help="An organisation a safeguarding lead looks after (repeat for more; none: the "
    "council's designated officer).",
)
def create(email: str, role: str, orgs: tuple[str, ...]) -> None:
    """Create a staff account. Pipe a password in, or one is generated and printed once."""
    piped = None if sys.stdin.isatty() else sys.stdin.readline().rstrip("\r\n")

    def change() -> str:
        organisations, added = organisations_named(orgs)
        user, generated = create_user(email, role, piped or None, organisations)
        shown = f"\npassword (shown once): {generated}" if generated else ""
        return f"created {user.role} {user.email}{_scope(user, added)}{shown}"

    _run(change)


@users_cli.command("deactivate")
@click.argument("email")
def deactivate_command(email: str) -> None:
    """Switch an account off; its sessions end at once."""
    _run(lambda: _done(deactivate, email, "deactivated"))


@users_cli.command("reactivate")
@click.argument("email")
def reactivate_command(email: str) -> None:
    """Switch an account on again."""
    _run(lambda: _done(reactivate, email, "reactivated"))


@users_cli.command("set-role")
@click.argument("email")
@click.argument("role", type=click.Choice(ROLES))
def set_role_command(email: str, role: str) -> None:
    """Change an account's role; its sessions end."""
    _run(lambda: _done(lambda user: set_role(user, role), email, f"now {role}:"))


@users_cli.command("set-orgs")
@click.argument("email")
@click.argument("names", nargs=-1, metavar="[NAME]...")
def set_orgs(email: str, names: tuple[str, ...]) -> None:
    """Set the organisations a safeguarding lead looks after (none: the designated officer)."""

    def change() -> str:
        user = find_user(email)
        organisations, added = organisations_named(names)
        set_organisations(user, organisations)
        return f"{user.email}{_scope(user, added)}"

    _run(change)


def _scope(user, added: list[str]) -> str:
    """What a safeguarding account looks after, in words."""
    if user.role != SAFEGUARDING:
        return ""
    if not user.organisations:
        return ": designated officer (every organisation without a lead of its own)"
    names = ", ".join(o.name + (" (new)" if o.name in added else "") for o in user.organisations)
    return f": safeguarding lead for {names}"


@users_cli.command("reset")
@click.argument("email")
def reset(email: str) -> None:
    """Print a one-time link, valid for a day, with which the person sets a new password."""

    def change() -> str:
        user = find_user(email)
        if not user.active:
            raise AccountError(f"{user.email} is deactivated; reactivate it first")
        return reset_links.link_url(reset_links.issue(user))

    _run(change)


def _done(action: Callable, email: str, verb: str) -> str:
    user = find_user(email)
    action(user)
    return f"{verb} {user.email}"
