"""Chart packs for many organisations and QR sheets for many sessions (filled in below)."""

from __future__ import annotations


def run(kind: str, tiny: bool) -> dict:
    raise NotImplementedError("waiting for survey_app.reports.packs and the sessions sheet")
