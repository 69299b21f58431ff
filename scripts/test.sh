#!/usr/bin/env bash
# Runs every test of the solution against its own throwaway PostgreSQL (never run.sh's data).
# Prints the totals; exits non-zero on any failure. Extra arguments go to dotnet test (e.g. --filter Name).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/lib/pg.sh

data_dir="$root/.data/test-postgres"
port="${PEI_TEST_DB_PORT:-55433}"
password="pei-test"

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }

# Browser tests drive Debian's Chromium; install it when missing (as root, as in CI).
if [ -d tests/PeiTracker.Browser.Tests ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing Chromium (Debian package) for the browser tests..."
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  else
    echo "Browser tests need /usr/bin/chromium: sudo apt-get install chromium" >&2
    exit 1
  fi
fi

# The print test converts every export with LibreOffice headless (Calc, the Carlito font that stands in for
# Calibri, pdfinfo/pdftotext from poppler); install them when missing (as root, as in CI).
if ! command -v libreoffice >/dev/null || ! command -v pdfinfo >/dev/null || [ ! -d /usr/share/fonts/truetype/crosextra ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing LibreOffice Calc (headless), Carlito and poppler-utils for the print test..."
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc-nogui fonts-crosextra-carlito poppler-utils >/dev/null
  else
    echo "The print test needs LibreOffice: sudo apt-get install libreoffice-calc-nogui fonts-crosextra-carlito poppler-utils" >&2
    exit 1
  fi
fi

# A fresh cluster every run: tests never depend on what an earlier run left.
pg_stop "$data_dir" || true
rm -rf "$data_dir"
PG_FSYNC=off pg_start "$data_dir" "$port" "$password"
trap 'pg_stop "$data_dir"' EXIT

export PEI_TEST_DB="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password"

log="$(mktemp)"
set +e
dotnet test PeiTracker.sln -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# The VSTest summary of each test project: "Total tests: N", then "Passed: N", "Failed: N", "Skipped: N".
sum_of() { sed -nE "s/^ +$1: +([0-9]+)\r?$/\1/p" "$log" | awk '{ s += $1 } END { print s + 0 }'; }
passed=$(sum_of Passed); failed=$(sum_of Failed); skipped=$(sum_of Skipped)
rm -f "$log"

echo
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  echo "FAILED (dotnet test exit code $status)"
  exit 1
fi
