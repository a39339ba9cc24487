"""`flask api-tokens create|revoke|list`: tokens for the read-only API (ADR 0033), audited like
the admin page. The secret is printed once, by `create`, and stored only as its hash."""

from __future__ import annotations

import json

import click
from flask.cli import AppGroup

from .accounts import AccountError, find_user
from .api_tokens import TokenError, all_tokens, create_token, revoke_token

api_tokens_cli = AppGroup("api-tokens", help="Make, list and revoke tokens for the read-only API.")


@api_tokens_cli.command("create")
@click.argument("name")
@click.option("--by", "by_email", metavar="EMAIL", help="The admin the token is made for.")
def create(name: str, by_email: str | None) -> None:
    """Make a token named NAME (say what will use it); its secret is printed once."""
    try:
        creator = find_user(by_email) if by_email else None
        token, secret = create_token(name, creator)
    except (AccountError, TokenError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"created API token {token.id} ({token.name})")
    click.echo(f"secret (shown once, keep it safe): {secret}")


@api_tokens_cli.command("revoke")
@click.argument("token_id", type=click.IntRange(min=1, max=2**31 - 1))
def revoke(token_id: int) -> None:
    """Revoke token TOKEN_ID (from `list`): the next call with it is refused."""
    try:
        token = revoke_token(token_id)
    except TokenError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"revoked API token {token.id} ({token.name})")


@api_tokens_cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def list_command(as_json: bool) -> None:
    """Every token: id, name, who made it, when, last use, and whether it is revoked."""
    for token in all_tokens():
        row = {
            "id": token.id,
            "name": token.name,
            "created_by": token.created_by or "(command line)",
            "created_at": _when(token.created_at),
            "last_used_at": _when(token.last_used_at),
            "revoked_at": _when(token.revoked_at),
        }
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False))
            continue
        state = f"revoked {row['revoked_at']}" if token.revoked_at else "active"
        used = row["last_used_at"] or "never used"
        click.echo(
            f"{token.id:>4}  {token.name:30}  {state:26}  made {row['created_at']} "
            f"by {row['created_by']}  last used {used}"
        )


def _when(moment) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None
