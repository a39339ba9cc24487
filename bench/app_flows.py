"""A profile of our app answering pupils: N flows through Flask's test client, under pyinstrument.

Only the requests are profiled (not start-up, not the client reading and filling the form), so
the text shows where a submission's time goes on the server.
Run as a subprocess: python -m bench.app_flows DATABASE_URL QUESTIONNAIRE_DIR LINK_PATH N OUT
"""

from __future__ import annotations

import random
import subprocess
import sys
from contextlib import contextmanager, nullcontext
from pathlib import Path
from urllib.parse import urlsplit

from werkzeug.datastructures import MultiDict

from bench.children import save_profile
from bench.form import fill, parse_form
from bench.paths import PROFILES, PYTHON, ROOT


def profile_flows(database_url: str, questionnaire_dir: Path, path: str, name: str) -> Path:
    """Profile 300 flows on one link; the text profile's path."""
    PROFILES.mkdir(parents=True, exist_ok=True)
    out = PROFILES / f"{name}.txt"
    args = [database_url, str(questionnaire_dir), path, "300", str(out)]
    subprocess.run([PYTHON, "-m", "bench.app_flows", *args], cwd=ROOT, check=True, timeout=600)
    return out


def one_flow(client, path: str, marker: str, rng: random.Random, server=nullcontext) -> None:
    """GET the form, fill it, POST it, follow the redirect; AssertionError if a step fails.

    Each request runs inside `server()`, so a profile can leave out the client's own work."""
    with server():
        page = client.get(path)
    assert page.status_code == 200, page.status_code
    form = parse_form(page.get_data(as_text=True))
    action = form.post_path(path)
    data = MultiDict(fill(form, marker, rng))
    with server():
        posted = client.post(action, data=data)
    assert posted.status_code == 303, posted.status_code
    with server():
        thanks = client.get(urlsplit(posted.headers["Location"]).path)
    assert thanks.status_code == 200, thanks.status_code


def main(database_url: str, questionnaire_dir: str, path: str, count: str, out: str) -> None:
    from pyinstrument import Profiler

    from bench.servers import BENCH_PUPIL_LIMIT
    from config import Config
    from survey_app import create_app

    app = create_app(
        Config, SQLALCHEMY_DATABASE_URI=database_url, QUESTIONNAIRE_DIR=Path(questionnaire_dir),
        PUPIL_LINK_LIMIT=BENCH_PUPIL_LIMIT, PUPIL_DEVICE_LIMIT=BENCH_PUPIL_LIMIT,
    )  # fmt: skip
    rng = random.Random(0)
    one_flow(app.test_client(), path, "bench-profile-warmup", rng)
    profiler = Profiler(interval=0.0005)

    @contextmanager
    def server():  # pyinstrument adds up the sessions of repeated start/stop
        profiler.start()
        try:
            yield
        finally:
            profiler.stop()

    for n in range(int(count)):
        one_flow(app.test_client(), path, f"bench-profile-{n}", rng, server)
    save_profile(profiler, Path(out).stem)


if __name__ == "__main__":
    main(*sys.argv[1:])
