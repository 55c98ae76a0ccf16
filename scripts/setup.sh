#!/usr/bin/env bash
# Creates .venv and installs Extradition Watch with every dependency pinned by
# constraints.txt. Safe to run again: it reinstalls only when pyproject.toml or
# constraints.txt changed. Usage: scripts/setup.sh [test]
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "Extradition Watch needs Python 3.11 or newer (tried: $PYTHON)." >&2
    exit 2
fi

extras=""
[ "${1:-}" = "test" ] && extras="[test]"

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
stamp=".venv/.exwatch-installed${extras}"
wanted="$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    echo "Installing Extradition Watch${extras} into .venv (first time takes a few minutes)..." >&2
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -c constraints.txt -e ".${extras}"
    echo "$wanted" > "$stamp"
fi
