"""In Chromium, the Board report and a chart pack as HTML pages (issue 14 item 8) pass axe
(WCAG 2.2 A and AA), show their images, and ask the network for nothing."""

from __future__ import annotations

import pytest

from tests.browser.test_officer_downloads import WCAG_22_A_AA
from tests.integration.test_board_report import COUNCIL, logo_file, run_board, store_two_years

pytestmark = pytest.mark.browser


@pytest.fixture
def pages(app, tmp_path):
    store_two_years(app)
    app.config.update(COUNCIL_NAME=COUNCIL, COUNCIL_LOGO=str(logo_file(tmp_path)))
    board = tmp_path / "board.html"
    assert run_board(app, "--year", "2026/27", "--format", "html", "-o", str(board)).exit_code == 0
    packs = tmp_path / "packs"
    args = ["report", "pack", "--programme", "Cohesion sessions", "--format", "html"]
    result = app.test_cli_runner().invoke(args=[*args, "-o", str(packs)])
    assert result.exit_code == 0, result.output
    return [board, packs / "programme-cohesion-sessions.html"]


def test_the_html_board_report_and_pack_pass_axe_offline(browser, axe, pages):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        for path in pages:
            page = context.new_page()
            asked: list[str] = []
            page.on("request", lambda request, asked=asked: asked.append(request.url))
            page.goto(path.as_uri())
            assert [url for url in asked if not url.startswith(("file:", "data:"))] == []
            widths = page.eval_on_selector_all("img", "all => all.map(i => i.naturalWidth)")
            assert widths and all(w > 0 for w in widths), path.name
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_A_AA}})
            assert results.violations_count == 0, results.generate_report()
            page.close()
    finally:
        context.close()
