"""What a tablet keeps so it can answer without a network (docs/decisions/0028).

A form kept by the service worker carries one response id, but one tablet may serve several
pupils while the Wi-Fi is down, and two pupils must never share an id. So each online form asks
for a small pool of spare ids, each with its form token, for every phase of the session that is
open now; offline.js keeps them in IndexedDB and gives one to each new pupil. They are issued
only while their phase is open, which is what makes a late answer's token its proof (late.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from ..extensions import db
from ..models import SessionLink
from .form_token import form_token
from .forms import new_response_id
from .links import OpenedLink, find_link

POOL_SIZE = 10  # per phase and per online form; the tablet keeps at most 30 (offline.js)


@dataclass(frozen=True)
class SpareIds:
    """One open phase's link and spare (response id, form token) pairs."""

    link: OpenedLink
    pairs: tuple[tuple[str, str], ...]


def open_links_of(session_id: int) -> list[OpenedLink]:
    """The session's links that are open now, BEFORE first."""
    query = sa.select(SessionLink.token).where(SessionLink.session_id == session_id)
    links = [find_link(token) for token in db.session.scalars(query.order_by(SessionLink.id))]
    return [link for link in links if link is not None and link.state_now() == "open"]


def spare_ids(secret_key: str, session_id: int, size: int = POOL_SIZE) -> list[SpareIds]:
    """`size` new ids with their tokens for each open phase of the session."""
    spares = []
    for link in open_links_of(session_id):
        ids = [new_response_id() for _ in range(size)]
        pairs = tuple((rid, form_token(secret_key, link.token, rid)) for rid in ids)
        spares.append(SpareIds(link, pairs))
    return spares
