"""Real headless Chromium for tests, and `exwatch serve` running on a free local port.

Chromium is driven through its own command line (`--dump-dom`, `--screenshot`): no driver
package, one short-lived browser per page. Tests that need it are marked `browser` and skip
with a reason when /usr/bin/chromium is missing (scripts/install-browser.sh installs it).
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("EXWATCH_CHROMIUM", "/usr/bin/chromium"))
PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
# Screenshots stay here after the run for a human to look at (git-ignored).
OUTPUT_DIR = PROJECT_DIR / "test-output" / "browser"

# Quiet, offline, disposable: without the background-networking flags Chromium keeps trying to
# reach Google's services through the closed network.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
]

requires_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed (run scripts/install-browser.sh)"
)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class Chromium:
    """One headless Chromium process per call, each with a fresh, empty profile."""

    def __init__(self, executable: Path = CHROMIUM, timeout: float = 90):
        self.executable = executable
        self.timeout = timeout

    def _run(self, *arguments: str) -> subprocess.CompletedProcess:
        with tempfile.TemporaryDirectory(prefix="exwatch-chromium-") as profile:
            return subprocess.run(
                [str(self.executable), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *arguments],
                capture_output=True,
                text=True,
                timeout=self.timeout,
                check=False,
            )

    def dump_dom(self, url: str) -> str:
        """The page's DOM after it loaded, as HTML."""
        result = self._run("--virtual-time-budget=3000", "--dump-dom", url)
        assert result.returncode == 0 and result.stdout.strip(), f"chromium --dump-dom {url} failed: {result.stderr[-2000:]}"
        return result.stdout

    def screenshot(self, url: str, path: Path, *, width: int = 1280, height: int = 1600) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        result = self._run(f"--window-size={width},{height}", f"--screenshot={path}", url)
        assert result.returncode == 0 and path.exists(), f"chromium --screenshot {url} failed: {result.stderr[-2000:]}"
        return path


def assert_real_png(path: Path, *, min_bytes: int = 10_000) -> None:
    """A PNG that holds a rendered page: a blank page compresses to a few kilobytes."""
    data = Path(path).read_bytes()
    assert data.startswith(PNG_SIGNATURE), f"{path} is not a PNG"
    assert len(data) >= min_bytes, f"{path} is only {len(data)} bytes: a blank page?"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def exwatch_command() -> list[str]:
    found = shutil.which("exwatch", path=str(Path(sys.executable).parent))
    assert found, "the exwatch console script is not installed in this environment"
    return [found]


class ServedStore:
    """`exwatch serve` in a subprocess, on 127.0.0.1 and a free port, until `stop()`."""

    def __init__(self, db_path: Path, workdir: Path, *extra: str):
        self.db_path = Path(db_path)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(workdir) / "serve.log"
        self.process: subprocess.Popen | None = None
        self.arguments = ["serve", "--db", str(self.db_path), "--host", "127.0.0.1", "--port", str(self.port), *extra]
        self.workdir = Path(workdir)

    @property
    def database(self) -> str:
        return self.db_path.stem

    def start(self, timeout: float = 60) -> "ServedStore":
        self.workdir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "w")
        # From outside the checkout, like an analyst's shell.
        self.process = subprocess.Popen([*exwatch_command(), *self.arguments], cwd=self.workdir, stdout=log,
                                        stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"exwatch serve exited with {self.process.returncode}: {self.log()}")
            try:
                with urllib.request.urlopen(self.base + "/-/versions.json", timeout=2):
                    return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise AssertionError(f"exwatch serve did not answer within {timeout} s: {self.log()}")

    def url(self, path: str) -> str:
        return self.base + path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-3000:] if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
