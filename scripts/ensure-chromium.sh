#!/usr/bin/env bash
# The tab's browser tests (tests/e2e/tab.e2e.test.ts) drive Debian's chromium with playwright-core;
# playwright's own browser downloads do not work on the project's machines. `npm test` and
# `npm run test:e2e` run this first: it installs the Debian package when /usr/bin/chromium is missing
# (as root, or through sudo). When another process holds apt's or dpkg's locks (another install, an
# unattended upgrade), it says who and waits for them, up to LOCK_TIMEOUT seconds (default 600).
set -euo pipefail
CHROMIUM=/usr/bin/chromium
LOCK_TIMEOUT=${LOCK_TIMEOUT:-600}
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

# Who holds a lock file now, as "apt-get (process 1234)"; nothing when it is free (or lslocks is missing).
lock_holder() {
  command -v lslocks >/dev/null 2>&1 || return 0
  $SUDO lslocks --noheadings --raw --output PID,COMMAND,PATH 2>/dev/null | awk -v file="$1" '$3 == file { print $2 " (process " $1 ")"; exit }' || true
}

# Says so when dpkg's lock is taken: apt-get then waits for it silently (DPkg::Lock::Timeout).
say_if_dpkg_busy() {
  local file holder
  for file in /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock; do
    holder=$(lock_holder "$file")
    if [ -n "$holder" ]; then
      echo "Waiting for dpkg's lock ($file), held by $holder, for up to $LOCK_TIMEOUT s..."
      return
    fi
  done
}

# apt-get, waiting for dpkg's lock (DPkg::Lock::Timeout) and, since apt-get does not wait for its other
# locks (the package lists' during `update`, the download cache's), retrying while one of those is held.
apt_get() {
  local deadline=$((SECONDS + LOCK_TIMEOUT)) output said=""
  # `update` takes only the package lists' lock.
  [ "$1" = update ] || say_if_dpkg_busy
  while true; do
    if output=$(DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout="$LOCK_TIMEOUT" -qq "$@" 2>&1 >/dev/null); then
      [ -n "$output" ] && echo "$output" >&2
      return 0
    fi
    local held
    held=$(grep -m1 -o 'Could not get lock .*' <<<"$output" || true)
    if [ -z "$held" ] || [ "$SECONDS" -ge "$deadline" ]; then
      echo "$output" >&2
      [ -n "$held" ] && echo "Gave up waiting for apt's lock after $LOCK_TIMEOUT s." >&2
      return 1
    fi
    if [ "$said" != "$held" ]; then
      echo "Waiting for apt's lock: ${held#Could not get lock } (up to $LOCK_TIMEOUT s in all)..."
      said=$held
    fi
    sleep 5
  done
}

echo "Installing Debian's chromium for the tab's browser tests (once per machine)..."
apt_get update
apt_get install -y chromium fonts-liberation
"$CHROMIUM" --version
