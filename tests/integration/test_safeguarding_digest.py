"""Telling the lead (issue 16 item 5): `safeguarding digest` mails each lead with open concerns
through a real SMTP server (aiosmtpd on 127.0.0.1), counts and a link only, never the answer;
without MAIL_SERVER it sends nothing and says so; `safeguarding pending` lists without text."""

from __future__ import annotations

import json
import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message as MessageHandler

from survey_app.auth.lead_scope import organisations_named
from survey_app.extensions import db
from tests.integration.safeguarding_helpers import answer_after, school_session

WORDS = "my stepdad hits me when he is angry"


class Inbox(MessageHandler):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


@pytest.fixture
def smtp():
    inbox = Inbox()
    with socket.socket() as probe:  # a free port (the controller checks the one it is given)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


def planted(app, make_user):
    hill, oak = school_session(app, "Hill School"), school_session(app, "Oak School")
    for email, org in (("dsl@hill.sch.uk", "Hill School"), ("dsl@oak.sch.uk", "Oak School")):
        make_user("safeguarding", email).organisations = organisations_named([org])[0]
    db.session.commit()
    answer_after(app, hill, WORDS)
    answer_after(app, hill, "they beat me up")
    return hill, oak


def run(app, *args):
    return app.test_cli_runner().invoke(args=["safeguarding", *args])


def test_the_digest_mails_each_lead_with_open_concerns_without_the_text(app, make_user, smtp):
    port, inbox = smtp
    planted(app, make_user)
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_SUPPRESS_SEND=False,
                      MAIL_DEFAULT_SENDER="surveys@council.gov.uk")  # fmt: skip
    result = run(app, "digest")
    assert result.exit_code == 0 and "sent 1 emails" in result.output, result.output
    (message,) = inbox.messages
    assert message["To"] == "dsl@hill.sch.uk"  # Oak's lead has nothing open: no email
    body = message.get_payload(decode=True).decode()
    assert "2 safeguarding concerns" in body and "http://localhost/safeguarding/" in body
    for words in (WORDS, "hits me", "beat me up"):
        assert words not in body and words not in str(message["Subject"])


def test_without_a_mail_server_nothing_is_sent(app, make_user, smtp):
    _, inbox = smtp
    planted(app, make_user)
    app.config["MAIL_SERVER"] = ""
    result = run(app, "digest")
    assert result.exit_code == 0 and "MAIL_SERVER is not set" in result.output
    assert inbox.messages == []


def test_pending_lists_open_concerns_without_the_text(app, make_user):
    hill, _ = planted(app, make_user)
    result = run(app, "pending", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert [(p["organisation"], p["session"], p["status"]) for p in found] == [
        ("Hill School", hill.id, "open"), ("Hill School", hill.id, "open")]  # fmt: skip
    assert found[0]["question"] == "What will you do differently?"
    assert found[0]["categories"] == ["harm by others"]
    plain = run(app, "pending").output
    for words in (WORDS, "hits me", "beat me up"):
        assert words not in result.output and words not in plain
