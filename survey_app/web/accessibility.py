"""/accessibility: the accessibility statement, public, linked from every page's footer.

In the form of GOV.UK's model statement, which UK public-sector sites publish under the Public
Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. Its
words are in the template; who runs the site and how to reach them come from the settings.
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

bp = Blueprint("accessibility", __name__)
# The day the statement was prepared and the site last tested (update both on a new test).
PREPARED_ON = "3 December 2026"


@bp.get("/accessibility")
def statement():
    council = str(current_app.config.get("COUNCIL_NAME") or "").strip() or "your local council"
    contact = str(current_app.config.get("ACCESSIBILITY_CONTACT") or "").strip()
    return render_template(
        "accessibility.html",
        council=council,
        council_title=council[:1].upper() + council[1:],  # where it starts a sentence
        contact=contact,
        prepared_on=PREPARED_ON,
    )
