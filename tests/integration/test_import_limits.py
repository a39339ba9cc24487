"""Imports that can't hurt (issue 12, item 8): caps on bytes and lines with a clear message, one
import per file content (even two uploads at once), and semicolon-separated files."""

from __future__ import annotations

import io
import threading
from datetime import datetime

import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.models import AuditEntry, PaperImport, Response
from survey_app.questionnaire.startup import registry_of
from survey_app.responses import paper_imports
from survey_app.responses.csv_stream import Limits
from survey_app.responses.import_csv import ImportRejected, import_file
from survey_app.sessions.schedule import CLOCK_KEY
from tests.conftest import csrf_token, response_count

HEADER = "session,phase,respondent,belong_area,belong_city,friends_count,do_differently"
URL = "/reports/import/"


def two_lines(session_id: int) -> str:
    return f'{HEADER}\n{session_id},pre,1,4,5,3,\n{session_id},post,1,5,5,,"more, friends"\n'


def upload(client, content: bytes):
    token = csrf_token(client.get(URL).get_data(as_text=True))
    return client.post(
        URL,
        data={"csrf_token": token, "file": (io.BytesIO(content), "paper.csv")},
        content_type="multipart/form-data",
    )


def refusal(app, data: bytes, limits: Limits | None = None) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        import_file(data, registry_of(app), limits)
    assert response_count() == 0
    return caught.value.problems


# --- caps ---------------------------------------------------------------------------------


def test_a_500000_line_file_is_refused_with_the_line_cap(app, session):
    # The killer: ~8 MB of well-formed lines. With the byte cap out of the way, the line
    # cap stops reading at line 5,002 and nothing is stored.
    body = f"{session.id},pre,,4,5,3,\n" * 500_000
    limits = Limits(max_bytes=64 * 1024 * 1024, max_rows=app.config["IMPORT_MAX_ROWS"])
    assert refusal(app, (HEADER + "\n" + body).encode(), limits) == [
        "5002:1: the file has more than 5,000 lines of responses, the limit (IMPORT_MAX_ROWS): "
        "split it into smaller files"
    ]


def test_the_upload_page_refuses_500000_lines_with_the_line_cap(client, signed_in, session):
    signed_in("officer")
    body = "1,pre\n" * 500_000  # 3 MB: under the request cap of 5 MB
    response = upload(client, (HEADER + "\n" + body).encode())
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Nothing was imported" in html
    assert "5002:1: the file has more than 5,000 lines of responses" in html
    assert response_count() == 0


def test_the_upload_page_refuses_a_file_over_the_byte_cap(client, signed_in, session):
    signed_in("officer")
    body = f'{session.id},pre,,4,5,3,"{"x" * 3000}"\n' * 1000  # 3 MB in 1,000 lines
    response = upload(client, (HEADER + "\n" + body).encode())
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "1:1: the file is larger than 2 MB, the limit (IMPORT_MAX_BYTES)" in html
    assert response_count() == 0


def test_the_upload_page_refuses_too_many_lines(client, signed_in, session):
    signed_in("officer")
    body = f"{session.id},pre,,4,5,3,\n" * 5001
    html = upload(client, (HEADER + "\n" + body).encode()).get_data(as_text=True)
    assert "5002:1: the file has more than 5,000 lines of responses" in html
    assert "5,000 lines of responses and 2 MB" in html  # the hint names the caps
    assert response_count() == 0


def test_a_body_over_the_request_cap_gets_the_friendly_413_page(client, signed_in, session):
    signed_in("officer")
    response = upload(client, b"x" * (6 * 1024 * 1024))
    assert response.status_code == 413
    assert "That file is too big" in response.get_data(as_text=True)


def test_the_cli_reads_within_the_caps_too(app, session, tmp_path):
    path = tmp_path / "paper.csv"
    path.write_text(HEADER + "\n" + f"{session.id},pre,,4,5,3,\n" * 5001, encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["responses", "import", str(path)])
    assert result.exit_code == 1
    assert "paper.csv:5002:1: the file has more than 5,000 lines" in result.output
    assert response_count() == 0


def test_a_cell_bigger_than_the_csv_module_reads_is_a_message(app, session):
    problems = refusal(app, f'{HEADER}\n{session.id},pre,1,4,5,3,"{"x" * 200_000}"\n'.encode())
    assert problems[0].startswith("2:1: this is not a CSV file the import can read (field larger")


# --- once per content ---------------------------------------------------------------------


@pytest.fixture
def frozen(app):
    app.config[CLOCK_KEY] = lambda: datetime(2026, 3, 4, 10, 15)


def test_the_same_content_again_is_refused_with_the_date_it_was_first_imported(
    app, session, frozen
):
    text = two_lines(session.id)
    import_file(text.encode(), registry_of(app))
    stored = response_count()
    again = [
        text.encode(),
        ("\ufeff" + text.replace("\n", "\r\n") + "\n\n").encode(),  # re-saved by Excel
        text.replace(",", ";").replace('"more; friends"', '"more, friends"').encode(),
    ]
    for data in again:
        with pytest.raises(ImportRejected) as caught:
            import_file(data, registry_of(app))
        assert caught.value.problems == [
            "1:1: this file was imported already, on 4 March 2026 at 10:15 UTC (2 responses); "
            "nothing was imported again"
        ]
    assert response_count() == stored == 2
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PaperImport)) == 1


def test_a_second_upload_shows_when_the_first_was(client, signed_in, session, frozen):
    officer = signed_in("officer")
    assert upload(client, two_lines(session.id).encode()).status_code == 302
    html = upload(client, two_lines(session.id).encode()).get_data(as_text=True)
    assert "this file was imported already, on 4 March 2026 at 10:15 UTC" in html
    assert response_count() == 2
    record = db.session.scalar(sa.select(PaperImport))
    assert record.user_id == officer.id and record.response_count == 2


def test_two_uploads_at_the_same_moment_store_once(app, session, monkeypatch):
    """Both threads pass the check for an earlier import before either stores: the unique
    constraint decides, and the loser is told the file was imported already."""
    data = two_lines(session.id).encode()
    both_checked = threading.Barrier(2, timeout=20)
    checked = paper_imports.first_import

    def first_import_then_wait(content_hash: str):
        found = checked(content_hash)
        both_checked.wait()
        return found

    monkeypatch.setattr("survey_app.responses.import_csv.first_import", first_import_then_wait)
    outcomes: list[str] = []

    def one_upload() -> None:
        with app.app_context():
            try:
                import_file(data, registry_of(app))
                outcomes.append("stored")
            except ImportRejected as exc:
                outcomes.append(exc.problems[0])
            finally:
                db.session.remove()

    threads = [threading.Thread(target=one_upload) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    db.session.expire_all()
    assert sorted(outcomes)[1] == "stored", outcomes
    assert "this file was imported already" in sorted(outcomes)[0]
    assert response_count() == 2
    imports = db.session.scalar(
        sa.select(sa.func.count()).select_from(AuditEntry).filter_by(action="import")
    )
    assert imports == 1


# --- semicolons ---------------------------------------------------------------------------


def test_a_semicolon_separated_file_is_read(app, session):
    text = (
        "session;phase;respondent;belong_area;do_differently\n"
        f'{session.id};pre;4;5;\n{session.id};post;4;3;"talk more; listen, too"\n'
    )
    rows = import_file(text.encode(), registry_of(app))
    assert [row.answers for row in rows] == [
        {"belong_area": 5},
        {"belong_area": 3, "do_differently": "talk more; listen, too"},
    ]
    sources = db.session.scalars(sa.select(Response.source)).all()
    assert sources == ["paper", "paper"]
