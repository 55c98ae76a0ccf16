#!/usr/bin/env bash
# Sets up .venv if needed, then crawls the offline demo outlets (data/demo/) into a fresh
# database (data/demo.db) and prints what was found.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/exwatch demo "$@"
