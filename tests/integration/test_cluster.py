"""Two instances behind nginx, sharing PostgreSQL and Redis: the cluster that
`deploy/local-cluster up` starts. .ci/run brings it up, runs this file with LOCAL_CLUSTER_DIR
set, and takes it down; without a cluster these tests skip and say how to run them (the
`cluster` fixture is in conftest.py)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from bench.client import Pupil, pupil_flow
from bench.form import fill, parse_form
from tests.conftest import csrf_token

pytestmark = pytest.mark.cluster
ROOT = Path(__file__).resolve().parents[2]


def path_of(url: str) -> str:
    return urlsplit(url).path


def test_every_part_is_ready_through_the_proxy_and_each_instance(cluster):
    for base in (cluster.proxy, *cluster.instances):
        status, _, text = Pupil(base).request("GET", "/readyz")
        assert (status, json.loads(text)) == (200, {"status": "ok"}), base


def test_the_same_response_id_posted_through_both_instances_at_once_is_stored_once(cluster):
    made = cluster.new_session()
    pupil = Pupil(cluster.instances[0])
    status, _, page = pupil.request("GET", path_of(made["pre_url"]))
    assert status == 200
    form = parse_form(page)
    body = urlencode(fill(form, "", random.Random(1)))
    action = form.post_path(path_of(made["pre_url"]))
    replies: list[int] = []
    start = threading.Barrier(2)

    def post(base: str) -> None:
        other = Pupil(base)
        other.cookies = dict(pupil.cookies)
        start.wait()
        replies.append(other.request("POST", action, body)[0])
        other.close()

    threads = [threading.Thread(target=post, args=(base,)) for base in cluster.instances]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(replies) == [303, 303]
    stored = "SELECT count(*) FROM response WHERE response_uuid = :id"
    assert cluster.count(stored, id=form.response_id) == 1


def test_a_link_closed_through_instance_a_stops_answers_on_instance_b(cluster):
    made = cluster.new_session()
    link = path_of(made["pre_url"])
    pupil_b = Pupil(cluster.instances[1])
    status, _, page = pupil_b.request("GET", link)  # B now holds the open link in its cache
    assert status == 200
    form = parse_form(page)

    officer = Pupil(cluster.instances[0])
    _, _, login_page = officer.request("GET", "/login")
    signed = urlencode({"email": cluster.email, "password": cluster.password,
                        "csrf_token": csrf_token(login_page)})  # fmt: skip
    assert officer.request("POST", "/login", signed)[0] == 302
    _, _, session_page = officer.request("GET", f"/sessions/{made['id']}")
    close = urlencode({"csrf_token": csrf_token(session_page)})
    assert officer.request("POST", f"/sessions/{made['id']}/phases/pre/close", close)[0] == 303

    # The documented bound (ADR 0006): B re-reads the link once its copy is this old.
    time.sleep(float(cluster.env.get("LINK_CACHE_SECONDS", 2)) + 0.5)
    body = urlencode(fill(form, "", random.Random(2)))
    assert pupil_b.request("POST", form.post_path(link), body)[0] == 410
    assert pupil_b.request("GET", link)[0] == 410
    assert cluster.count("SELECT count(*) FROM response WHERE session_id = :s", s=made["id"]) == 0


def test_with_redis_stopped_readyz_says_so_and_pupils_still_answer(cluster):
    made = cluster.new_session()
    redis = cluster.state["redis"]
    pid = int(Path(redis["pidfile"]).read_text())
    os.kill(pid, 15)
    try:
        while Path(f"/proc/{pid}").exists():
            time.sleep(0.1)
        for base in (cluster.proxy, *cluster.instances):
            status, _, text = Pupil(base).request("GET", "/readyz")
            assert (status, json.loads(text)["failing"]) == (503, ["redis"]), base
        # Sign-in fails closed (limits could not be shared); pupils go on answering.
        staff = Pupil(cluster.instances[0])
        _, _, login_page = staff.request("GET", "/login")
        signing = urlencode({"email": cluster.email, "password": cluster.password,
                             "csrf_token": csrf_token(login_page)})  # fmt: skip
        assert staff.request("POST", "/login", signing)[0] == 503
        flow = pupil_flow(cluster.proxy, path_of(made["pre_url"]), "", random.Random(3), False)
        assert flow.ok, flow.error
        stored = "SELECT count(*) FROM response WHERE response_uuid = :id"
        assert cluster.count(stored, id=flow.response_id) == 1
    finally:
        subprocess.run([str(ROOT / "deploy" / "local-cluster"), "start-redis",
                        "--dir", cluster.state["dir"]], check=True)  # fmt: skip
    assert Pupil(cluster.proxy).request("GET", "/readyz")[0] == 200


def _signed_in(cluster, base: str) -> Pupil:
    officer = Pupil(base)
    _, _, login_page = officer.request("GET", "/login")
    signed = urlencode({"email": cluster.email, "password": cluster.password,
                        "csrf_token": csrf_token(login_page)})  # fmt: skip
    assert officer.request("POST", "/login", signed)[0] == 302
    return officer


def test_a_session_signed_out_through_a_is_refused_on_b(cluster):
    on_a = _signed_in(cluster, cluster.instances[0])
    on_b = Pupil(cluster.instances[1])
    on_b.cookies = dict(on_a.cookies)  # the same cookie, copied before sign-out
    assert on_b.request("GET", "/sessions/")[0] == 200
    _, _, page = on_a.request("GET", "/sessions/")
    assert on_a.request("POST", "/logout", urlencode({"csrf_token": csrf_token(page)}))[0] == 302
    status, headers, _ = on_b.request("GET", "/sessions/")
    assert status == 302 and "/login" in headers["Location"]


def test_the_sign_in_limit_trips_at_the_same_count_alternating_between_instances(cluster):
    """Last in this file: it locks the cluster's login and the loopback address for a window."""
    limit = int(cluster.env.get("SIGNIN_MAX_FAILURES", 10))
    clients = [Pupil(base) for base in cluster.instances]
    for attempt in range(limit):
        client = clients[attempt % 2]
        _, _, page = client.request("GET", "/login")
        wrong = urlencode({"email": cluster.email, "password": "not-the-password-at-all",
                           "csrf_token": csrf_token(page)})  # fmt: skip
        assert client.request("POST", "/login", wrong)[0] == 200, attempt
    for client in clients:  # the next attempt, right password included, on either instance
        _, _, page = client.request("GET", "/login")
        right = urlencode({"email": cluster.email, "password": cluster.password,
                           "csrf_token": csrf_token(page)})  # fmt: skip
        assert client.request("POST", "/login", right)[0] == 429
