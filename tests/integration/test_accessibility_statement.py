"""/accessibility: public, in the form of GOV.UK's model statement, linked from staff pages."""

from __future__ import annotations

import pytest

from tests.conftest import make_app
from tests.html import one, parse, text

# The sections of GOV.UK's model accessibility statement, as headings.
SECTIONS = (
    "How accessible this service is",
    "Feedback and contact information",
    "Reporting accessibility problems with this service",
    "Enforcement procedure",
    "Technical information about this service’s accessibility",
    "Compliance status",
    "Non-accessible content",
    "Non-compliance with the accessibility regulations",
    "Disproportionate burden",
    "What we’re doing to improve accessibility",
    "Preparation of this accessibility statement",
)


def test_anyone_can_read_it_and_it_has_the_model_s_sections(app):
    page = app.test_client().get("/accessibility")
    assert page.status_code == 200
    assert one(page, "h1").get_text(strip=True) == "Accessibility statement for Cohesion surveys"
    headings = [h.get_text(strip=True) for h in parse(page).select("h2, h3, h4")]
    assert [s for s in SECTIONS if s not in headings] == []


def test_it_says_what_is_not_accessible_how_to_complain_and_how_it_was_tested(app):
    words = text(app.test_client().get("/accessibility"))
    for fact in ("partially compliant", "Web Content Accessibility Guidelines version 2.2",
                 "Arabic, Sorani Kurdish, Urdu or Punjabi (Shahmukhi)", "text alternative",
                 "Equality and Human Rights Commission (EHRC)",
                 "Equality Commission for Northern Ireland", "axe-core", "Chromium",
                 "keyboard only", "400%"):  # fmt: skip
        assert fact in words, fact


def test_it_names_the_council_and_its_contact_from_the_settings(database_url):
    configured = make_app(database_url, COUNCIL_NAME="Oak City Council",
                          ACCESSIBILITY_CONTACT="access@oak.example")  # fmt: skip
    page = configured.test_client().get("/accessibility")
    assert "This service is run by Oak City Council." in text(page)
    assert [a["href"] for a in parse(page).select("a[href^='mailto:']")] == [
        "mailto:access@oak.example", "mailto:access@oak.example"]  # fmt: skip


def test_without_settings_it_points_to_the_council(app):
    words = text(app.test_client().get("/accessibility"))
    assert "run by your local council" in words and "Your local council is committed" in words


@pytest.mark.parametrize("path", ["/login", "/accessibility", "/no-such-page"])
def test_staff_pages_link_to_it_from_their_footer(app, path):
    page = app.test_client().get(path)
    assert [a["href"] for a in parse(page).select("footer a")] == ["/accessibility"]
