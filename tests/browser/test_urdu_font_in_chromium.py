"""The self-hosted Nastaliq subset in real Chromium (issue 11 item 6, ADR 0040). An Urdu page
declares the face after the device's own Nastaliq fonts; Chromium accepts the file (its font
sanitiser refuses a broken one), the face loads and the page's Urdu renders with it; no letter
box is clipped by the taller script; axe-core stays clean. An English page declares no font and
fetches none."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import SHIPPED_QUESTIONNAIRES
from tests.browser.test_pupil_flow import assert_accessible

pytestmark = pytest.mark.browser

FAMILY = "Nastaliq subset"  # templates/respond/_script.css
ARABIC = re.compile(r"[\u0600-\u06ff]+")


def opened(live_server, ipad, lang: str):
    server = live_server(SHIPPED_QUESTIONNAIRES)
    session = server.create_session("pupils-primary", shared_devices=True)
    page = ipad.new_page()
    fonts = []
    page.on("requestfinished", lambda r: fonts.append(r) if "/static/fonts/" in r.url else None)
    page.goto(f"{session['pre']}?lang={lang}", wait_until="load")
    return page, fonts


def test_the_urdu_page_renders_with_the_subset_after_the_device_s_nastaliq(live_server, ipad, axe):
    page, _ = opened(live_server, ipad, "ur")
    stack = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert stack.index('"Noto Nastaliq Urdu"') < stack.index(f'"{FAMILY}"') < stack.index("Arial")
    faces = page.evaluate("() => [...document.fonts].map(f => [f.family, f.display])")
    assert [[family.strip('"'), display] for family, display in faces] == [[FAMILY, "swap"]]
    urdu = " ".join(ARABIC.findall(page.inner_text("main")))
    assert len(urdu) > 500
    # The page's face, asked for: on this machine local("Noto Nastaliq Urdu") may answer it.
    status = page.evaluate(
        """async (family) => { await document.fonts.load(`20px "${family}"`, "اردو");
                               return [...document.fonts][0].status; }""",
        FAMILY,
    )
    assert status == "loaded"
    assert page.evaluate('([f, t]) => document.fonts.check(`20px "${f}"`, t)', [FAMILY, urdu])
    # The committed file itself, from its address alone: Chromium takes it and draws with it.
    address = re.search(r'url\("(/static/fonts/[^"]+)"\)', page.inner_html("head")).group(1)
    drawn = page.evaluate(
        """async ([address, text]) => {
            const face = new FontFace("probe", `url(${address})`);
            await face.load();
            document.fonts.add(face);
            const ctx = document.createElement("canvas").getContext("2d");
            const width = (font) => { ctx.font = font; return ctx.measureText(text).width; };
            return [face.status, document.fonts.check("20px probe", text),
                    width("20px probe"), width("20px monospace")];
        }""",
        [address, urdu[:200]],
    )
    assert drawn[:2] == ["loaded", True] and drawn[2] != drawn[3]
    response = page.request.get(page.url.split("/s/")[0] + address)
    assert response.headers["content-type"] == "font/woff2"
    assert "immutable" in response.headers["cache-control"]
    assert_accessible(axe, page, "Urdu form in its Nastaliq face")


def test_no_urdu_letter_leaves_the_box_drawn_around_it(live_server, ipad):
    """Buttons and the bordered answers: the words' box (Nastaliq's full 2.5 em, taller than any
    Latin font's) inside the border. A select draws its own words: room for that box inside."""
    page, _ = opened(live_server, ipad, "ur")
    page.evaluate("(f) => document.fonts.load(`20px \"${f}\"`, 'اردو')", FAMILY)
    outside = page.evaluate(
        """() => [...document.querySelectorAll("button, .os label")]
            .filter(el => el.checkVisibility() && !el.classList.contains("vh"))
            .map(el => {
                const box = el.getBoundingClientRect(), range = document.createRange();
                range.selectNodeContents(el);
                const words = range.getBoundingClientRect();
                return [el.outerHTML.slice(0, 60), words.top - box.top, box.bottom - words.bottom];
            })
            .filter(([, above, below]) => above < 0 || below < 0)"""
    )
    assert outside == []
    select = page.evaluate(
        """() => { const s = document.querySelector("select"), css = getComputedStyle(s);
                   const padding = parseFloat(css.paddingTop) + parseFloat(css.paddingBottom);
                   return [s.clientHeight - padding, parseFloat(css.fontSize)]; }"""
    )
    room, size = select
    assert room >= 2.2 * size


def test_an_english_page_declares_no_font_and_fetches_none(live_server, ipad):
    page, fetched = opened(live_server, ipad, "en")
    page.wait_for_timeout(1500)  # past offline.js's after-load work, which keeps the page's files
    assert page.evaluate("() => document.fonts.size") == 0
    assert fetched == []
