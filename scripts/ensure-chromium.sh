#!/usr/bin/env bash
# The tab's browser tests (tests/e2e/tab.e2e.test.ts) drive Debian's chromium with playwright-core;
# playwright's own browser downloads do not work on the project's machines. `npm test` runs this
# first: it installs the Debian package when /usr/bin/chromium is missing (as root, or through sudo).
set -euo pipefail
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "The browser tests need $CHROMIUM: run 'apt-get install chromium' as root." >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "The browser tests need $CHROMIUM, and this machine has no apt-get to install Debian's chromium." >&2
  exit 1
fi
echo "Installing Debian's chromium for the tab's browser tests (once per machine)..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-liberation >/dev/null
"$CHROMIUM" --version
