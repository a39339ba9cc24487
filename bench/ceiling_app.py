"""The ceiling: a bare Flask app doing the least a survey submission can do.

One GET renders a small form with a fresh response id; one POST inserts one row (SQLite in WAL
mode, or PostgreSQL) and answers 303 to a thank-you page. No CSRF, no ORM, no templates engine
beyond str.format: whatever our app does beyond this is overhead we chose.

Settings come from the environment: CEILING_SQLITE (a file path) or CEILING_PG (a database name).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import uuid

from flask import Flask, redirect, request

TABLE = "ceiling_response"
CREATE_SQL = (
    f"CREATE TABLE IF NOT EXISTS {TABLE} (id {{pk}}, response_uuid VARCHAR(36) NOT NULL UNIQUE,"
    " token VARCHAR(64) NOT NULL, answers TEXT NOT NULL)"
)
QUESTIONS = 5
FORM = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Survey</title></head>'
    '<body><form method="post"><input type="hidden" name="response_id" value="{rid}">'
    "{questions}"
    '<label for="comment">Comment</label><textarea id="comment" name="comment"></textarea>'
    "<button>Send</button></form></body></html>"
)
QUESTION = "<fieldset><legend>Question {n}</legend>{options}</fieldset>"
OPTION = (
    '<input type="radio" id="q{n}-{v}" name="q{n}" value="{v}"><label for="q{n}-{v}">{v}</label>'
)

app = Flask(__name__)
_local = threading.local()


def create_table(conn, kind: str) -> None:
    """Make the ceiling's one table (the bench calls this before starting the server)."""
    pk = "INTEGER PRIMARY KEY" if kind == "sqlite" else "SERIAL PRIMARY KEY"
    conn.execute(CREATE_SQL.format(pk=pk))
    conn.commit()


def _connection():
    """One connection per worker thread, opened after gunicorn forks."""
    conn = getattr(_local, "conn", None)
    if conn is None:
        if os.environ.get("CEILING_PG"):
            import psycopg

            conn = psycopg.connect(
                host="127.0.0.1", user="postgres", dbname=os.environ["CEILING_PG"], autocommit=True
            )
        else:
            conn = sqlite3.connect(os.environ["CEILING_SQLITE"], isolation_level=None, timeout=5)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA busy_timeout=5000")
        _local.conn = conn
    return conn


def _form_html() -> str:
    questions = "".join(
        QUESTION.format(n=n, options="".join(OPTION.format(n=n, v=v) for v in range(1, 6)))
        for n in range(1, QUESTIONS + 1)
    )
    return FORM.format(rid=uuid.uuid4(), questions=questions)


@app.get("/s/<token>")
def show(token: str):
    return _form_html()


@app.post("/s/<token>")
def submit(token: str):
    answers = {f"q{n}": request.form.get(f"q{n}", type=int) for n in range(1, QUESTIONS + 1)}
    answers["comment"] = request.form.get("comment", "")[:500]
    conn = _connection()
    mark = "?" if isinstance(conn, sqlite3.Connection) else "%s"
    conn.execute(
        f"INSERT INTO {TABLE} (response_uuid, token, answers) VALUES ({mark}, {mark}, {mark})"
        " ON CONFLICT (response_uuid) DO NOTHING",
        (request.form["response_id"][:36], token, json.dumps(answers)),
    )
    return redirect(f"/s/{token}/thanks", code=303)


@app.get("/s/<token>/thanks")
def thanks(token: str):
    return '<!doctype html><html lang="en"><title>Thank you</title><p>Thank you.</p></html>'
