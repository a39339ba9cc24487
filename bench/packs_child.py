"""Timing chart packs and QR sheets inside the app (run as a subprocess by packs_sheets.py).

python -m bench.packs_child DATABASE_URL QUESTIONNAIRE_DIR QUESTIONNAIRE_ID OUT_DIR SHEETS [PROFILE]
prints JSON; with PROFILE (a name), makes only PROFILE_PACKS packs and writes pyinstrument text
profiles of both parts.
"""

from __future__ import annotations

import json
import sys
import time
from contextlib import nullcontext
from pathlib import Path

from bench.children import save_profile

PROFILE_PACKS = 10


def main(url: str, qdir: str, qid: str, out_dir: str, sheets: str, profile: str = "") -> None:
    import sqlalchemy as sa

    from config import Config
    from survey_app import create_app
    from survey_app.extensions import db
    from survey_app.models import SurveySession
    from survey_app.questionnaire.startup import registry_of
    from survey_app.reports.data import load_responses
    from survey_app.reports.packs import make_packs
    from survey_app.sessions.sheets import make_sheet

    app = create_app(Config, SQLALCHEMY_DATABASE_URI=url, QUESTIONNAIRE_DIR=Path(qdir))
    result = {}
    with app.app_context():
        start = time.perf_counter()
        responses = load_responses(qid)
        result["load_s"] = round(time.perf_counter() - start, 3)
        versions = [q for q in registry_of(app) if q.id == qid]
        # A profile needs only a few packs to show where a page's time goes.
        names = sorted(set(responses["organisation"]))[:PROFILE_PACKS] if profile else None
        with _profiled(profile and f"{profile}-packs"):
            start = time.perf_counter()
            packs = make_packs(
                responses, versions, kind="organisation", out_dir=Path(out_dir), names=names
            )
            result["packs_s"] = round(time.perf_counter() - start, 3)
        made = [p for p in packs if p.path is not None]
        result |= {"packs": len(made), "pages": sum(p.pages for p in made)}
        result["not_made"] = sorted({p.reason for p in packs if p.path is None})
        sessions = db.session.scalars(sa.select(SurveySession).limit(int(sheets))).all()
        with _profiled(profile and f"{profile}-sheets"):
            start = time.perf_counter()
            sizes = [len(make_sheet(session)) for session in sessions]
            result["sheets_s"] = round(time.perf_counter() - start, 3)
        result |= {"sheets": len(sizes), "sheet_bytes_mean": sum(sizes) // max(1, len(sizes))}
    json.dump(result, sys.stdout)


def _profiled(name: str):
    """A pyinstrument profile written to bench/results/profiles/<name>.txt, when named."""
    if not name:
        return nullcontext()
    from pyinstrument import Profiler

    class _Writing(Profiler):
        def __exit__(self, *exc) -> None:
            super().__exit__(*exc)
            save_profile(self, name)

    return _Writing()


if __name__ == "__main__":
    main(*sys.argv[1:])
