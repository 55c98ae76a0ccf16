#!/usr/bin/env bash
# Sets up .venv with the test extras (and Debian's Chromium for the browser tests) if needed,
# then runs the test suite.
# Extra arguments go to pytest (e.g. --runslow for the slow suites, -k NAME).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
bash scripts/install-browser.sh  # Chromium for the browser tests; they skip if it cannot be installed
exec .venv/bin/python -m pytest "$@"
