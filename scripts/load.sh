#!/usr/bin/env bash
# Load on loopback: concurrent writers (API tokens) and readers (dashboards) against the Release app
# on a throwaway PostgreSQL, then every accepted write checked in the database.
# Usage: ./scripts/load.sh [--duration 60] [--writers 6] [--form-writers 2] [--readers 6] [--restart-db [--restart-at S] [--down S]]
#   --writers       API writers (personal tokens); --form-writers use the entry form, with evidence files.
#   --measure PATH  instead of the scenario: GET one page (signed in as demo.consulta) at --concurrency C
#                   (default 8) for --duration seconds after 5 s of warm-up, and print its figures.
#   --restart-db  stops PostgreSQL in the middle of the load (after --restart-at seconds, default a third of
#                 the duration) for --down seconds (default 5), then starts it again; the app is not restarted.
# Exits non-zero on any error outside the outage, any unclear error during it, or any lost write.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/lib/loadenv.sh

duration=60; writers=6; form_writers=2; readers=6; restart=false; restart_at=""; down=5; measure=""; concurrency=8
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --writers) writers="$2"; shift 2 ;;
    --readers) readers="$2"; shift 2 ;;
    --form-writers) form_writers="$2"; shift 2 ;;
    --restart-db) restart=true; shift ;;
    --measure) measure="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    --restart-at) restart_at="$2"; shift 2 ;;
    --down) down="$2"; shift 2 ;;
    *) echo "Unknown option $1" >&2; exit 2 ;;
  esac
done
restart_at="${restart_at:-$((duration / 3))}"

load_prepare load
app_start
if [ -n "$measure" ]; then
  dotnet benchmarks/PeiTracker.Load/bin/Release/net10.0/PeiTracker.Load.dll measure --url "$load_url$measure" \
    --concurrency "$concurrency" --duration "$duration" --warmup 5 \
    --login-email demo.consulta@peitracker.local --login-password Demo2025pei --json "$work/measure.json"
  exit $?
fi
echo "App on $load_url, PostgreSQL on port $load_db_port. Load: ${duration} s, $writers API writers, $form_writers form writers, $readers readers."
extra=()
$restart && extra=(--require-clear-outage-errors)
client_start --duration "$duration" --writers "$writers" --form-writers "$form_writers" --readers "$readers" "${extra[@]}"

if $restart; then
  sleep "$restart_at"
  kill -0 "$client_pid" 2>/dev/null || { client_wait; exit 1; }
  start=$(now_ms)
  echo "$(date -u +%T) stopping PostgreSQL (fast shutdown) for $down s..."
  pg_stop "$data_dir"
  # What a monitor sees meanwhile: /health must say 503 with the Spanish message, not hang or crash.
  curl -s -m 15 -o "$work/health-body" -w '%{http_code}' "$load_url/health" >"$work/health-status" 2>/dev/null &
  probe_pid=$!
  sleep "$down"
  wait "$probe_pid" || true
  pg_start "$data_dir" "$load_db_port" "$load_password"
  end=$(now_ms)
  echo "$start $end" >>"$work/outages"
  echo "/health while PostgreSQL was down: HTTP $(cat "$work/health-status") $(cat "$work/health-body" 2>/dev/null)"
  echo "$(date -u +%T) PostgreSQL is back after $(( (end - start) / 1000 )).$(( (end - start) % 1000 / 100 )) s; the app keeps running (pid $app_pid)."
fi

status=0
client_wait || status=$?
kill -0 "$app_pid" 2>/dev/null && echo "App process $app_pid still running: it was never restarted."
exit "$status"
