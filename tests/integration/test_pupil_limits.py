"""Pupil abuse limits (respond/abuse_limits.py): keyed on the link and the device, never on the
address, so a class behind one school address gets through while a flood stores nothing more."""

from __future__ import annotations

import pytest

from config import Config
from survey_app.respond.abuse_limits import years_to_guess_a_code
from tests.conftest import empty_every_table, make_app, response_count
from tests.html import text_of
from tests.integration.respond_helpers import POST, PRE, answer, new_device, new_session, url


@pytest.fixture
def app_with(database_url):
    """An app with these limit settings, in its context; every table emptied afterwards."""
    contexts = []

    def make(**limits):
        app = make_app(database_url, **limits)
        contexts.append(app.app_context())
        contexts[-1].push()
        return app

    yield make
    empty_every_table()
    for context in reversed(contexts):
        context.pop()


def test_sixty_pupils_behind_one_address_all_get_through_within_a_minute(app_with):
    app = app_with()  # the shipped limits
    path = url(new_session(app))
    for _ in range(60):  # every test client comes from 127.0.0.1, like a school's one address
        sent, _ = answer(new_device(app), path, PRE)
        assert sent.status_code == 303
    assert response_count() == 60


def test_one_device_sending_far_more_than_a_class_could_is_told_to_slow_down(app_with):
    app = app_with(PUPIL_DEVICE_LIMIT="3 per 10 minutes")
    path, tablet = url(new_session(app)), new_device(app)
    for _ in range(3):
        assert answer(tablet, path, PRE)[0].status_code == 303
    refused, _ = answer(tablet, path, PRE)
    assert refused.status_code == 429
    assert text_of(refused.get_data(as_text=True), "h1") == ["Please wait a few minutes"]
    assert response_count() == 3  # nothing more stored
    assert answer(new_device(app), path, PRE)[0].status_code == 303  # another tablet answers


def test_one_link_sending_far_more_than_a_class_could_is_cut_off(app_with):
    app = app_with(PUPIL_LINK_LIMIT="5 per 10 minutes")
    session = new_session(app)
    for _ in range(5):
        assert answer(new_device(app), url(session), PRE)[0].status_code == 303
    assert answer(new_device(app), url(session), PRE)[0].status_code == 429
    assert answer(new_device(app), url(session, "post"), POST)[0].status_code == 303  # its own link
    assert response_count() == 6


def test_replays_of_a_stored_response_never_count(app_with):
    app = app_with(PUPIL_DEVICE_LIMIT="2 per 10 minutes")
    path, tablet = url(new_session(app)), new_device(app)
    page = tablet.get(path).get_data(as_text=True)
    sent, response_id = answer(tablet, path, PRE)
    assert sent.status_code == 303
    from tests.conftest import csrf_token

    replay = {"csrf_token": csrf_token(page), "response_id": response_id} | PRE
    for _ in range(5):  # a tablet re-sending its queued answers after the Wi-Fi came back
        assert tablet.post(path, data=replay).status_code in (200, 303)
    assert answer(tablet, path, PRE)[0].status_code == 303  # the second new answer still passes
    assert answer(tablet, path, PRE)[0].status_code == 429
    assert response_count() == 2


# The slow-down pages in every shipped language: test_interface_languages.py.


def test_ratelimit_enabled_0_switches_the_pupil_limits_off(app_with):
    one = "1 per 10 minutes"
    app = app_with(RATELIMIT_ENABLED=False, PUPIL_DEVICE_LIMIT=one, PUPIL_LINK_LIMIT=one,
                   GO_ADDRESS_LIMIT=one)  # fmt: skip
    path, tablet = url(new_session(app)), new_device(app)
    for _ in range(4):
        assert answer(tablet, path, PRE)[0].status_code == 303
    for _ in range(3):
        assert tablet.post("/go", data={"code": "WRONGCODE"}).status_code == 200


def test_go_is_limited_per_address(app_with):
    app = app_with(GO_ADDRESS_LIMIT="5 per minute")
    guesser = app.test_client()
    for _ in range(5):
        assert guesser.post("/go", data={"code": "ABCD1234"}).status_code == 200
    refused = guesser.post("/go", data={"code": "ABCD1234"})
    assert refused.status_code == 429
    assert "Too many codes" in refused.get_data(as_text=True)
    other_school = app.test_client()
    elsewhere = {"REMOTE_ADDR": "10.9.9.9"}
    assert (
        other_school.post("/go", data={"code": "ABCD1234"}, environ_base=elsewhere).status_code
        == 200
    )
    assert guesser.get("/go").status_code == 200  # the page itself is never limited


def test_guessing_a_code_at_the_go_limit_takes_years():
    """32^8 codes; with 10,000 open at once and the shipped limit's steadiest rate (600 an hour,
    5.3 million a year) one address needs 1 / (10,000 / 32^8 x 5.3 million) = about 21 years."""
    assert years_to_guess_a_code("600 per hour", 10_000) == pytest.approx(20.9, abs=0.1)
    assert years_to_guess_a_code(Config.GO_ADDRESS_LIMIT, 10_000) > 10


def test_pupils_still_answer_while_redis_is_unreachable(app_with):
    """The limits cannot be counted, so they let answers through: a child's answer matters more
    than a limit (sign-in, by contrast, fails closed: test_signin_limits.py)."""
    app = app_with(REDIS_URL="redis://127.0.0.1:9/0", HEALTH_TIMEOUT_SECONDS=0.2)
    sent, _ = answer(new_device(app), url(new_session(app)), PRE)
    assert sent.status_code == 303
    assert response_count() == 1


def test_with_redis_the_counts_are_in_redis_for_every_instance(app_with, tmp_path):
    from tests.integration.test_signin_limits import redis_counts
    from tests.redis_server import redis_server

    with redis_server(tmp_path) as redis:
        app = app_with(REDIS_URL=redis.url, PUPIL_DEVICE_LIMIT="2 per 10 minutes")
        path, tablet = url(new_session(app)), new_device(app)
        for _ in range(2):
            assert answer(tablet, path, PRE)[0].status_code == 303
        assert answer(tablet, path, PRE)[0].status_code == 429
        assert redis_counts(redis.url, "pupil-device:") == [2]
        assert redis_counts(redis.url, "pupil-link:") == [2]
