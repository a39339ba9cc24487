"""Submission throughput: ours against the bare-Flask ceiling, same gunicorn settings.

Pupils answer the POST link of the shipped secondary questionnaire (it has a free-text item, so
each flow writes a unique marker); one session per concurrency level keeps each level's proof
separate. Both servers run side by side, and each level alternates between them in short rounds
(ours, ceiling, ours, ceiling...), so a slow spell on a shared machine falls on both sides of the
ratio alike instead of on whichever side happened to be running; each round's ratio is reported
too, to show the spread. A short warm-up on its own session precedes the levels. Last, the top
level runs once more on a server of ours with RATELIMIT_ENABLED=0, so the report shows what
the rate limits cost (not judged).
"""

from __future__ import annotations

from bench.app_flows import profile_flows
from bench.budgets import misses
from bench.ceiling_app import create_table
from bench.databases import BenchDatabase, fresh_database
from bench.load import LoadRun, run_class_arrival, run_closed_loop
from bench.paths import SHIPPED_QUESTIONNAIRES
from bench.servers import (
    CEILING,
    GUNICORN_ARGS,
    OURS,
    Server,
    app_env,
    ceiling_env,
    free_port,
    gunicorn,
)
from bench.setup_db import create_sessions
from bench.verify import CEILING_SQL, OURS_SQL, compare, stored

QUESTIONNAIRE, PHASE = "pupils-secondary", "post"
CLASS = -1  # the key of the class-arrival run among a server's results (levels are positive)
FULL = {"levels": (1, 10, 50), "seconds": 20.0, "rounds": 4, "warmup_s": 3.0, "class": (50, 10.0)}
TINY = {"levels": (1, 2), "seconds": 2.0, "rounds": 2, "warmup_s": 0.5, "class": (5, 1.0)}


def run(kind: str, tiny: bool) -> dict:
    """Per level: ours, the ceiling, and ours / ceiling in completions per second."""
    size = TINY if tiny else FULL
    with fresh_database(kind, "load") as db:
        count = len(size["levels"]) + 3  # one more each for the warm-up, the class, limits off
        sessions = create_sessions(db.url, SHIPPED_QUESTIONNAIRES, QUESTIONNAIRE, count)
        targets = [(f"/s/{s['tokens'][PHASE]}", s["session_id"]) for s in sessions]
        conn = db.connect()
        create_table(conn, db.kind)
        conn.close()
        ceiling_targets = [(f"/s/level-{n}", f"level-{n}") for n in range(len(targets))]
        ours_port = free_port()
        ceiling_port = free_port(avoid=ours_port)
        ours_spec = (OURS, app_env(db, ours_port), ours_port, targets[0][0], f"ours-{kind}")
        ceiling_spec = (CEILING, ceiling_env(db), ceiling_port, "/s/ready", f"ceiling-{kind}")
        with gunicorn(*ours_spec) as ours_server, gunicorn(*ceiling_spec) as ceiling_server:
            ours_runs = Runs(ours_server, db, OURS_SQL, targets)
            ceiling_runs = Runs(ceiling_server, db, CEILING_SQL, ceiling_targets)
            for runs in (ours_runs, ceiling_runs):
                runs.warm_up(size["warmup_s"])
            round_s = size["seconds"] / size["rounds"]
            for index, level in enumerate(size["levels"], start=1):
                for _ in range(size["rounds"]):
                    for runs in (ours_runs, ceiling_runs):
                        runs.round(index, level, round_s)
                for runs in (ours_runs, ceiling_runs):
                    runs.finish(index, level)
            class_index = len(size["levels"]) + 1
            for runs in (ours_runs, ceiling_runs):
                runs.class_arrives(class_index, *size["class"])
            top = size["levels"][-1]
            off_port = free_port(avoid=ceiling_port)
            off_env = app_env(db, off_port) | {"RATELIMIT_ENABLED": "0"}
            off_spec = (OURS, off_env, off_port, targets[0][0], f"ours-limits-off-{kind}")
            with gunicorn(*off_spec) as off_server:
                off_runs = Runs(off_server, db, OURS_SQL, targets)
                off_runs.warm_up(size["warmup_s"])
                off_runs.round(len(targets) - 1, top, size["seconds"])
                off_runs.finish(len(targets) - 1, top)
        ours, ceiling = ours_runs.results, ceiling_runs.results
        levels = {
            str(level): _pair(ours[level], ceiling[level])
            | {"round_ratios": _round_ratios(ours_runs.rounds[level], ceiling_runs.rounds[level])}
            for level in size["levels"]
        }
        limits_off = _pair(off_runs.results[top], ceiling[top])
        pupils = size["class"][0]
        arrival = _pair(ours[CLASS], ceiling[CLASS]) | {
            "pupils": pupils,
            "over_s": size["class"][1],
        }
        result = {
            "settings": _settings(size),
            "levels": levels,
            "limits_off": {str(top): limits_off},
            "class": {str(pupils): arrival},
            "exactly_once": int(
                all(
                    v["ours"]["proof"]["exactly_once"]
                    for v in [*levels.values(), limits_off, arrival]
                )
            ),
        }
        if not tiny and misses("throughput", result):
            name = f"throughput-ours-{kind}"
            path = targets[0][0]
            result["profile"] = str(profile_flows(db.url, SHIPPED_QUESTIONNAIRES, path, name))
    return result


class Runs:
    """One server's runs: a warm-up on the first target, then one target per level, in rounds."""

    def __init__(self, server: Server, db: BenchDatabase, sql: str, targets: list) -> None:
        self.server, self.db, self.sql, self.targets = server, db, sql, targets
        self.rounds: dict[int, list[LoadRun]] = {}
        self.results: dict[int, dict] = {}

    def warm_up(self, seconds: float) -> None:
        run_closed_loop(self.server.base_url, self.targets[0][0], 2, seconds)

    def round(self, index: int, concurrency: int, seconds: float) -> None:
        run = run_closed_loop(self.server.base_url, self.targets[index][0], concurrency, seconds)
        self.server.check_alive()  # a dead server's refusals are not the app's figures
        self.rounds.setdefault(concurrency, []).append(run)

    def class_arrives(self, index: int, pupils: int, over_s: float) -> None:
        """A class answering once each at an even pace; its figures are kept under CLASS."""
        run = run_class_arrival(self.server.base_url, self.targets[index][0], pupils, over_s)
        self.server.check_alive()
        proof = compare(run.flows, stored(self.db, self.sql, self.targets[index][1]))
        self.results[CLASS] = run.summary() | {"proof": proof}

    def finish(self, index: int, concurrency: int) -> None:
        """The level's figures over all its rounds, and the proof for its session."""
        run = merged(self.rounds[concurrency])
        proof = compare(run.flows, stored(self.db, self.sql, self.targets[index][1]))
        self.results[concurrency] = run.summary() | {"proof": proof}


def merged(rounds: list[LoadRun]) -> LoadRun:
    """One run made of several rounds: every flow, and the time the rounds took together."""
    run = LoadRun(rounds[0].concurrency, sum(r.duration_s for r in rounds))
    run.elapsed_s = sum(r.elapsed_s for r in rounds)
    run.flows = [flow for r in rounds for flow in r.flows]
    return run


def _round_ratios(ours: list[LoadRun], ceiling: list[LoadRun]) -> list[float | None]:
    return [_pair(o.summary(), c.summary())["ratio"] for o, c in zip(ours, ceiling, strict=True)]


def _pair(ours: dict, ceiling: dict) -> dict:
    ratio = None
    if ceiling["completions_per_s"]:
        ratio = round(ours["completions_per_s"] / ceiling["completions_per_s"], 3)
    return {"ours": ours, "ceiling": ceiling, "ratio": ratio}


def _settings(size: dict) -> dict:
    return {
        "gunicorn": " ".join(GUNICORN_ARGS),
        "seconds_per_level": size["seconds"],
        "rounds_per_level": size["rounds"],
        "class": "{} pupils answering once each, evenly over {} s".format(*size["class"]),
        "questionnaire": f"{QUESTIONNAIRE} ({PHASE} link)",
    }
