"""Whether an answer is accepted, by when its form was given out, completed and received.

A tablet that lost the Wi-Fi keeps the answers and sends them later, perhaps after the
facilitator closed the phase (docs/decisions/0028). The server trusts one clock only, its own:
the form token's signed issue time proves the form was given out here, and forms are given out
only while their phase is open. The tablet's "completed at" is believed only inside
[issued, received], so a wrong tablet clock can move it no further than the truth allows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

CLOCK_SKEW = timedelta(seconds=60)  # as respond/form_token.py: workers' clocks differ a little


@dataclass(frozen=True)
class Timing:
    issued: datetime  # the form token's issue time (server clock)
    received: datetime  # now (server clock)
    claimed: datetime | None  # the tablet's completion time, if its script sent one

    @property
    def completed(self) -> datetime:
        """The claimed completion time clamped to [issued, received]; received when none."""
        claimed = self.received if self.claimed is None else self.claimed
        return min(max(claimed, self.issued), self.received)


def accepted(
    timing: Timing, closed_at: datetime | None, max_age: timedelta, grace: timedelta
) -> bool:
    """May these answers be stored? `closed_at` is when the phase closed (None while open).

    - the form was completed within `max_age` of being given out (the token's life, as
      without a script, where completed is received);
    - it was received within `grace` of being completed (the time it may wait on a tablet);
    - if the phase has closed: the form was given out and completed before it closed, and
      received within `grace` of the closing.
    """
    completed = timing.completed
    if timing.issued > timing.received + CLOCK_SKEW:
        return False  # stamped in the future: not one of our clocks
    if completed - timing.issued > max_age + CLOCK_SKEW:
        return False
    if timing.received - completed > grace:
        return False
    if closed_at is None:
        return True
    return (
        timing.issued < closed_at
        and completed <= closed_at
        and timing.received <= closed_at + grace
    )
