"""The Nastaliq subset as served (issue 11 item 6, ADR 0040): only an Urdu page declares it,
after the device's own Nastaliq fonts, with `font-display: swap` and an address that carries the
file's hash; the file comes as font/woff2, kept a year, and not compressed again."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from survey_app.i18n import INTERFACE_LANGUAGES
from survey_app.webfont import FONTS_DIR
from tests.conftest import make_app
from tests.html import parse
from tests.integration.respond_helpers import new_session, url

SHIPPED = Path(__file__).parents[2] / "questionnaires"
FONT_FACE = re.compile(r"@font-face\{[^}]*\}")


@pytest.fixture
def shipped(app, database_url):
    shipped = make_app(database_url, QUESTIONNAIRE_DIR=SHIPPED)
    with shipped.app_context():
        yield shipped


def style_of(client, path: str) -> str:
    return "".join(s.get_text() for s in parse(client.get(path)).select("style"))


@pytest.mark.parametrize("lang", INTERFACE_LANGUAGES)
def test_only_the_urdu_pages_declare_the_face(shipped, lang):
    client = shipped.test_client()
    form = url(new_session(shipped, True, "pupils-secondary"))
    for path in (f"{form}?lang={lang}", f"/go?lang={lang}", f"/s/no-such-link?lang={lang}"):
        style = style_of(client, path)
        assert bool(FONT_FACE.search(style)) is (lang == "ur"), path
        assert ("/static/fonts/" in style) is (lang == "ur"), path


def test_the_face_comes_after_the_system_nastaliq_and_swaps(shipped):
    client = shipped.test_client()
    style = style_of(client, f"{url(new_session(shipped, False, 'pupils-primary'))}?lang=ur")
    (face,) = FONT_FACE.findall(style)
    assert 'font-family:"Nastaliq subset"' in face and "font-display:swap" in face
    assert face.index('local("Noto Nastaliq Urdu")') < face.index("url(")
    stack = re.search(r"html\{font-family:([^;}]*)", style).group(1)
    assert stack.index('"Noto Nastaliq Urdu"') < stack.index('"Jameel Noori Nastaleeq"')
    assert stack.index('"Jameel Noori Nastaleeq"') < stack.index('"Nastaliq subset"')
    assert stack.endswith("Arial,sans-serif")
    assert re.search(r"html\{[^}]*line-height:2\.2", style)
    address = re.search(r'url\("([^"]+)"\) format\("woff2"\)', face).group(1)
    path, version = address.split("?v=")
    assert path == "/static/fonts/noto-nastaliq-urdu-subset.woff2"
    assert version == hashlib.sha256((FONTS_DIR / Path(path).name).read_bytes()).hexdigest()[:12]


def test_the_font_is_served_as_woff2_kept_a_year(shipped):
    client = shipped.test_client()
    style = style_of(client, f"{url(new_session(shipped, False, 'pupils-primary'))}?lang=ur")
    address = re.search(r'url\("(/static/fonts/[^"]+)"\)', style).group(1)
    font = client.get(address, headers={"Accept-Encoding": "gzip, deflate"})
    assert font.status_code == 200 and font.mimetype == "font/woff2"
    assert font.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "Content-Encoding" not in font.headers  # WOFF2 is Brotli inside already
    assert font.get_data()[:4] == b"wOF2"
    licence = client.get("/static/fonts/OFL.txt")
    assert licence.status_code == 200 and b"SIL OPEN FONT LICENSE" in licence.get_data()
    # Other static files keep Flask's revalidated caching.
    assert client.get("/static/offline.js").headers["Cache-Control"] == "no-cache"
