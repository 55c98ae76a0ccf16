import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.receivers import JsonReceiver
from tests.support.site import LocalSite

PROJECT_DIR = Path(__file__).resolve().parent.parent


def pytest_addoption(parser):
    parser.addoption("--runslow", action="store_true", default=False, help="also run tests marked slow")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--runslow") or "slow" in (config.getoption("-m") or ""):
        return
    skip_slow = pytest.mark.skip(reason="slow: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip_slow)


@pytest.fixture
def site():
    local = LocalSite().start()
    yield local
    local.stop()


def exwatch_executable() -> str:
    found = shutil.which("exwatch", path=str(Path(sys.executable).parent))
    assert found, "the exwatch console script is not installed in this environment"
    return found


def make_runner(workdir: Path):
    """Run the real `exwatch` command in a subprocess, from a directory outside the checkout."""

    def run(*args, input=None, env=None, timeout=300):
        outside = workdir / "cwd"
        outside.mkdir(exist_ok=True)
        return subprocess.run(
            [exwatch_executable(), *map(str, args)],
            cwd=outside,
            input=input,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, **(env or {})},
        )

    return run


@pytest.fixture
def run_exwatch(tmp_path):
    return make_runner(tmp_path)


@pytest.fixture
def receiver():
    """A real json:// receiver on 127.0.0.1 for Apprise alerts."""
    server = JsonReceiver().start()
    yield server
    server.stop()
