#!/usr/bin/env bash
# Installs headless Chromium and its driver (Debian packages) for the browser tests.
# Idempotent: does nothing when /usr/bin/chromium exists. Needs root (or sudo) and apt-get;
# without them it says how to install by hand and exits 0, and the browser tests skip.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: no apt-get here; install Chromium as /usr/bin/chromium (or set EXWATCH_CHROMIUM)" \
         "to run the browser tests; they skip until then." >&2
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "install-browser: not root and no password-less sudo; run as root:" \
             "apt-get install -y chromium chromium-driver (the browser tests skip until then)." >&2
        exit 0
    fi
fi

echo "install-browser: installing chromium and chromium-driver with apt-get" >&2
if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver; }; then
    echo "install-browser: apt-get could not install chromium (offline? no package source?);" \
         "the browser tests skip until /usr/bin/chromium exists." >&2
    exit 0
fi
