"""The cluster of `deploy/local-cluster up`, for the tests marked `cluster`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.local_cluster import LocalCluster


@pytest.fixture(scope="module")
def cluster() -> LocalCluster:
    directory = os.environ.get("LOCAL_CLUSTER_DIR")
    if not directory:
        pytest.skip(
            "no local cluster: `deploy/local-cluster up --dir D`, then "
            "LOCAL_CLUSTER_DIR=D .venv/bin/python -m pytest -m cluster (.ci/run does this)"
        )
    if not (Path(directory) / "cluster.txt").exists():
        pytest.fail(f"LOCAL_CLUSTER_DIR={directory} holds no running cluster")
    return LocalCluster(Path(directory))
