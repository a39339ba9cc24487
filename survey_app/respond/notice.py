"""What the notice before question 1 says about who asks and how long answers are kept.

From the settings (COUNCIL_NAME, PRIVACY_NOTICE_URL, RETENTION_DAYS), read once per app: the
notice is part of the pre-rendered form (page.py), so these values are in its cache key.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask
from flask_babel import lazy_ngettext

# Until the retention purge is configured (RETENTION_DAYS), the notice promises this.
DEFAULT_RETENTION_DAYS = 730
_KEY = "pupil_notice"


@dataclass(frozen=True)
class NoticeSettings:
    council: str
    privacy_url: str
    years: int

    def kept_for(self) -> str:
        """The sentence on what happens to the answers, in the language being rendered."""
        return lazy_ngettext(
            "Answers are kept for %(num)s year, then deleted.",
            "Answers are kept for %(num)s years, then deleted.",
            self.years,
        )


def notice_settings(app: Flask) -> NoticeSettings:
    """The app's notice settings, worked out on first use."""
    found = app.extensions.get(_KEY)
    if found is None:
        days = int(app.config.get("RETENTION_DAYS") or DEFAULT_RETENTION_DAYS)
        found = NoticeSettings(
            council=str(app.config.get("COUNCIL_NAME") or "").strip(),
            privacy_url=_web_address(str(app.config.get("PRIVACY_NOTICE_URL") or "")),
            years=max(1, round(days / 365)),
        )
        app.extensions[_KEY] = found
    return found


def _web_address(url: str) -> str:
    """Only an http(s) address becomes a link on a child's page; anything else, none."""
    url = url.strip()
    return url if url.startswith(("https://", "http://")) else ""
