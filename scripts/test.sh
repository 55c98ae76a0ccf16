#!/usr/bin/env bash
# Sets up .venv with the test extras if needed, then runs the test suite.
# Extra arguments go to pytest (e.g. --runslow for the slow suites, -k NAME).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
exec .venv/bin/python -m pytest "$@"
