"""The cluster's faults (issue 13): an instance killed and started again, and every database
connection cut, while pupils answer through nginx. Each is proved exactly once with
bench/verify.py: every completion stored, nothing stored twice, no pupil left with an error
after the page's retries. The same scenarios at full size are in bench/cluster.py."""

from __future__ import annotations

import pytest

from bench.cluster import under_fault

pytestmark = pytest.mark.cluster
# The load answers about 300 times a link in 16 s: the default link limit's whole allowance.
NEEDED = ("PUPIL_LINK_LIMIT", "PUPIL_DEVICE_LIMIT")
SIZE = {"fault_pupils": 4, "fault_seconds": 16.0, "kill_every_s": 2.0, "restart_after_s": 0.5,
        "cut_every_s": 2.0}  # fmt: skip


@pytest.fixture
def loaded_cluster(cluster):
    given = (cluster.directory / "cluster.env").read_text()
    missing = [name for name in NEEDED if f"{name}=" not in given]
    if missing:
        pytest.skip(
            f"the cluster keeps the default {', '.join(missing)}, which this load exceeds: "
            'start it with PUPIL_LINK_LIMIT="10000000 per minute" '
            'PUPIL_DEVICE_LIMIT="10000000 per minute" deploy/local-cluster up (as .ci/run does)'
        )
    return cluster


def test_an_instance_killed_again_and_again_loses_and_doubles_nothing(loaded_cluster):
    cluster = loaded_cluster
    result = under_fault(cluster, SIZE, "kill")
    assert result["faults"] >= 2, result
    assert result["completed"] > 0, result
    assert (result["lost"], result["stored_twice"], result["load"]["errors"]) == (0, 0, 0), result
    assert result["exactly_once"] == 1, result
    assert result["recovered"] == 1, result


def test_database_connections_cut_mid_load_lose_nothing_and_the_instances_recover(loaded_cluster):
    cluster = loaded_cluster
    pids = [cluster.instance_pid(n) for n in (1, 2)]
    result = under_fault(cluster, SIZE, "cut")
    assert result["connections_cut"] > 0, result  # the fault really happened
    assert result["completed"] > 0, result
    assert (result["lost"], result["stored_twice"], result["load"]["errors"]) == (0, 0, 0), result
    assert result["exactly_once"] == 1, result
    # Recovered on their own: the same processes answer again, none was restarted.
    assert result["recovered"] == 1, result
    assert [cluster.instance_pid(n) for n in (1, 2)] == pids
