"""Sign-in limits: failures per account and per address, the same answer for a wrong email
and a wrong password, Redis shared between instances, RATELIMIT_ENABLED=0 switching them off."""

from __future__ import annotations

import hashlib
import re
import time

import redis as redis_client
import sqlalchemy as sa
from flask import Flask

from survey_app.auth import signin_limits
from survey_app.extensions import db
from survey_app.models import AuditEntry
from tests.conftest import PASSWORD, csrf_token, make_app
from tests.html import text_of
from tests.redis_server import redis_server


def attempt(client, email, password, address="10.0.0.1"):
    env = {"REMOTE_ADDR": address}
    page = client.get("/login", environ_base=env).get_data(as_text=True)
    data = {"email": email, "password": password, "csrf_token": csrf_token(page)}
    return client.post("/login", data=data, environ_base=env)


def fail(client, times, email, address="10.0.0.1"):
    for _ in range(times):
        assert attempt(client, email, "not the password", address).status_code == 200


def test_the_eleventh_attempt_is_refused_even_with_the_right_password(client, make_user):
    user = make_user("officer")
    fail(client, 10, user.email)
    refused = attempt(client, user.email, PASSWORD)
    assert refused.status_code == 429
    (message,) = text_of(refused.get_data(as_text=True), ".error-summary a")
    assert "Too many failed sign-ins" in message
    assert client.get("/sessions/").status_code == 302  # not signed in
    actions = db.session.scalars(sa.select(AuditEntry.action)).all()
    assert actions.count("signin.failure") == 10 and "signin.refused" in actions


def test_right_passwords_do_not_count(client, make_user):
    user = make_user("officer")
    fail(client, 9, user.email)
    for _ in range(3):
        assert attempt(client, user.email, PASSWORD).status_code == 302
    assert attempt(client, user.email, PASSWORD).status_code == 302


def test_failures_from_many_addresses_lock_the_account(client, make_user):
    user = make_user("officer")
    for n in range(10):
        fail(client, 1, user.email, address=f"10.0.1.{n}")
    assert attempt(client, user.email, PASSWORD, address="10.0.2.1").status_code == 429


def test_failures_on_many_accounts_lock_the_address(client, make_user):
    user = make_user("officer")
    for n in range(10):
        fail(client, 1, f"guess{n}@example.org", address="10.0.3.3")
    assert attempt(client, user.email, PASSWORD, address="10.0.3.3").status_code == 429
    assert attempt(client, user.email, PASSWORD, address="10.0.3.4").status_code == 302


def test_a_wrong_email_and_a_wrong_password_get_the_same_answer(client, make_user):
    user = make_user("officer")

    def answer(email):
        html = attempt(client, email, "not the password").get_data(as_text=True)
        return re.sub(r'value="[^"]*"', "", html)  # the CSRF token and the typed email differ

    assert answer(user.email) == answer("nobody@example.org")


def test_limits_are_shared_through_redis(database_url, make_user, tmp_path):
    user = make_user("officer")
    with redis_server(tmp_path) as redis:
        first, second = (make_app(database_url, REDIS_URL=redis.url) for _ in "ab")
        fail(first.test_client(), 10, user.email)
        assert attempt(second.test_client(), user.email, PASSWORD).status_code == 429


def test_ratelimit_enabled_0_switches_the_limits_off(database_url, make_user):
    user = make_user("officer")
    client = make_app(database_url, RATELIMIT_ENABLED=False).test_client()
    fail(client, 12, user.email)
    assert attempt(client, user.email, PASSWORD).status_code == 302


def test_with_redis_unreachable_sign_in_fails_closed(database_url):
    """REDIS_URL set but nothing listening: limits cannot be shared, so nobody signs in (503,
    said in words); the cluster test shows pupils answering meanwhile."""
    app = make_app(database_url, REDIS_URL="redis://127.0.0.1:9/0", HEALTH_TIMEOUT_SECONDS=0.2)
    with app.app_context():
        client = app.test_client()
        page = client.get("/login").get_data(as_text=True)
        refused = client.post("/login", data={"email": "x@example.org", "password": "p" * 12,
                                              "csrf_token": csrf_token(page)})  # fmt: skip
        assert refused.status_code == 503
        assert "Signing in is not possible" in refused.get_data(as_text=True)


def test_once_redis_is_back_the_limits_are_shared_again_at_once(database_url, make_user, tmp_path):
    """Redis stops and starts again (a restart, a fail-over): failures must be counted in Redis
    the moment it answers. Flask-Limiter's in-memory fallback would keep each instance counting
    alone for up to minutes (its re-check backs off), letting 2x the failures through."""
    user = make_user("officer")
    with redis_server(tmp_path) as redis:
        first, second = (make_app(database_url, REDIS_URL=redis.url, HEALTH_TIMEOUT_SECONDS=0.2)
                         for _ in "ab")  # fmt: skip
        clients = [first.test_client(), second.test_client()]
        redis.stop()
        for pause in (0, 1.1, 2.1):  # an outage of a few seconds, met by both instances
            time.sleep(pause)
            for client in clients:
                assert attempt(client, user.email, "not the password").status_code == 503
        redis.start()
        for n in range(10):
            assert attempt(clients[n % 2], user.email, "not the password").status_code == 200
        for client in clients:
            assert attempt(client, user.email, PASSWORD).status_code == 429
        # In one process both apps share the limiter object, so the 429 alone cannot show
        # where the failures were counted: Redis itself must hold all ten.
        assert redis_counts(redis.url, account_key_for(first, user.email)) == [10]


def account_key_for(app: Flask, email: str) -> str:
    with app.test_request_context("/login", data={"email": email}):
        return signin_limits.account_key()


def test_redis_keys_hold_neither_the_address_nor_a_plain_hash_of_it(
    database_url, make_user, tmp_path
):
    """An IPv4 address could be recovered from a plain SHA-256 by trying all 2**32; the counters
    are keyed by an HMAC under SECRET_KEY instead (the same on every instance)."""
    user = make_user("officer")
    address = "10.20.30.40"
    with redis_server(tmp_path) as redis:
        app = make_app(database_url, REDIS_URL=redis.url)
        attempt(app.test_client(), user.email, "not the password", address)
        keys = [k.decode() for k in redis_client.Redis.from_url(redis.url).scan_iter("*")]
    plain = hashlib.sha256(address.encode()).hexdigest()[:32]
    assert any("signin-address:" in key for key in keys), keys
    assert not any(address in key or plain in key for key in keys), keys


def redis_counts(url: str, key_part: str) -> list[int]:
    store = redis_client.Redis.from_url(url)
    return [int(store.get(key)) for key in store.scan_iter(f"*{key_part}*")]
