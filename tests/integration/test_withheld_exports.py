"""Free text under an open safeguarding concern is withheld from officers' exports until a lead
has reviewed it, with a note of how many; no answer's text is on any chart or summary page."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.models import Concern, Response
from survey_app.questionnaire.startup import registry_of
from survey_app.reports.free_text import WITHHELD
from tests.html import parse
from tests.report_data import store_groups

WORRYING = "a boy in year 6 keeps hitting me zebra-7731"
ORDINARY = "more friends"  # every other answer (tests/report_data.py)
QUERY = "questionnaire=sample&organisation=Ten+School"


@pytest.fixture
def concern(app):
    """Ten School's responses, one of them with a worrying answer under an open concern."""
    store_groups(registry_of(app), {"Ten School": 10})
    response = db.session.scalars(
        sa.select(Response).filter_by(phase="post").order_by(Response.id).limit(1)
    ).one()
    response.answers = response.answers | {"do_differently": WORRYING}
    found = Concern(response_id=response.id, session_id=response.session_id, phase="post",
                    item_id="do_differently", text=WORRYING, terms=["hitting me"],
                    categories=["harm_by_others"])  # fmt: skip
    db.session.add(found)
    db.session.commit()
    return found


def review(concern: Concern, status: str = "handled_in_school") -> None:
    concern.status = status
    db.session.commit()


def workbook_text(body: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(body))
    return " ".join(str(c.value) for s in book.worksheets for r in s.iter_rows() for c in r)


def downloads(client) -> dict[str, str]:
    """Every officer download's words: CSV (wide and long), XLSX, the zip, SPSS's notes."""
    get = lambda what: client.get(f"/reports/download/{what}").data  # noqa: E731
    bundle = zipfile.ZipFile(io.BytesIO(get(f"responses.zip?{QUERY}")))
    return {
        "csv": get(f"responses.csv?{QUERY}").decode("utf-8-sig"),
        "long csv": get(f"responses.csv?{QUERY}&layout=long").decode("utf-8-sig"),
        "xlsx": workbook_text(get(f"responses.xlsx?{QUERY}")),
        "zip": " ".join(bundle.read(n).decode("utf-8-sig") for n in bundle.namelist()),
        "sav": get(f"responses.sav?{QUERY}").decode("latin-1"),
    }


def test_an_open_concern_s_text_is_withheld_from_every_officer_download(client, signed_in,
                                                                       concern):  # fmt: skip
    signed_in("officer")
    for name, words in downloads(client).items():
        assert "zebra-7731" not in words, name
        assert WITHHELD in words and ORDINARY in words, name
    note = "1 free-text answer is withheld until the safeguarding lead has reviewed"
    files = downloads(client)
    assert all(note in files[name] for name in ("xlsx", "zip")), "the files say how many"


@pytest.mark.parametrize("status", ["no_action", "handled_in_school", "referred"])
def test_after_review_the_text_is_in_the_export(client, signed_in, concern, status):
    signed_in("officer")
    review(concern, status)
    for name, words in downloads(client).items():
        if name != "sav":  # SPSS keeps text in a binary layout: read below
            assert WORRYING in words and WITHHELD not in words, name
    assert "withheld" not in downloads(client)["xlsx"]


def test_the_command_line_export_withholds_too(app, concern, tmp_path, make_user):
    out = tmp_path / "out.csv"
    admin = make_user("admin")
    for args in ([], ["--unmasked", "--admin", admin.email]):
        result = app.test_cli_runner().invoke(
            args=["responses", "export", "--format", "csv", "-o", str(out), *args]
        )
        assert result.exit_code == 0, result.output
        words = out.read_text(encoding="utf-8-sig")
        assert "zebra-7731" not in words and WITHHELD in words
    review(concern)
    app.test_cli_runner().invoke(args=["responses", "export", "--format", "csv", "-o", str(out)])
    assert WORRYING in out.read_text(encoding="utf-8-sig")


def test_no_answer_s_text_is_on_any_chart_or_summary_page(client, signed_in, concern):
    """Reviewed or not, free text is never drawn: charts, the dashboard, the comparison, the
    pack, the session's pages."""
    from survey_app.reports.figures import KINDS

    review(concern)
    signed_in("officer")
    pages = {
        "dashboard": client.get(f"/reports/?{QUERY}"),
        "comparison": client.get(f"/reports/download/comparison.csv?{QUERY}"),
        "session": client.get(f"/sessions/{concern.session_id}"),
        "responses list": client.get(f"/sessions/{concern.session_id}/responses"),
        "counts": client.get(f"/sessions/{concern.session_id}/counts.json"),
        **{f"chart {kind}": client.get(f"/reports/chart/{kind}.svg?{QUERY}") for kind in KINDS},
    }
    assert pages["dashboard"].status_code == 200
    for name, page in pages.items():
        body = page.get_data(as_text=True)
        assert "zebra" not in body and ORDINARY not in body, name
    assert "zebra" not in pack_text(client.get(f"/reports/download/pack.pdf?{QUERY}").data)


def pack_text(pdf: bytes) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    words = " ".join(page.get_textpage().get_text_range() for page in document)
    assert len(document) > 0 and words.strip()
    return words


def test_the_lead_s_page_masks_personal_data_in_the_answer(app, make_user):
    from survey_app.auth.lead_scope import organisations_named
    from tests.conftest import sign_in
    from tests.integration.safeguarding_helpers import answer_after, concerns, school_session

    session = school_session(app, "Hill School")
    answer_after(app, session, "my stepdad hits me, text me on 07700 900123")
    lead = make_user("safeguarding", "dsl@hill.sch.uk")
    lead.organisations = organisations_named(["Hill School"])[0]
    db.session.commit()
    client = app.test_client()
    sign_in(client, lead)
    (found,) = concerns()
    shown = " ".join(parse(client.get(f"/safeguarding/{found.id}")).select_one(
        "blockquote.answer").get_text().split())  # fmt: skip
    assert shown == "my stepdad hits me, text me on [phone number]"
