#!/usr/bin/env bash
# Kills the app with SIGKILL while writes are in flight, several times at random moments, restarts it,
# and checks in PostgreSQL that nothing is half-written and no acknowledged write is lost.
# Usage: ./scripts/kill-mid-write.sh [--kills 4] [--duration 60] [--writers 6] [--form-writers 2] [--readers 2]
# Writers use the API and the entry form (with evidence files); the load client checks every slot, and
# the SQL below checks the whole database independently of the client.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/lib/loadenv.sh

kills=4; duration=60; writers=6; form_writers=2; readers=2
while [ $# -gt 0 ]; do
  case "$1" in
    --kills) kills="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --writers) writers="$2"; shift 2 ;;
    --readers) readers="$2"; shift 2 ;;
    --form-writers) form_writers="$2"; shift 2 ;;
    *) echo "Unknown option $1" >&2; exit 2 ;;
  esac
done

load_prepare kill
app_start
echo "App on $load_url, PostgreSQL on port $load_db_port. ${duration} s: $writers API writers, $form_writers form writers, $readers readers; $kills kill -9 at random moments."
client_start --duration "$duration" --writers "$writers" --form-writers "$form_writers" --readers "$readers"

# The kills are spread over the run, each at a random moment of its share, leaving the last 10 s quiet.
share=$(( (duration - 15) / kills ))
[ "$share" -ge 4 ] || { echo "--duration too short for $kills kills" >&2; exit 2; }
sleep 3
for k in $(seq 1 "$kills"); do
  sleep "$(( RANDOM % (share - 3) + 1 )).$(( RANDOM % 10 ))"
  kill -0 "$client_pid" 2>/dev/null || break
  start=$(now_ms)
  kill -9 "$app_pid"
  wait "$app_pid" 2>/dev/null || true
  app_start
  end=$(now_ms)
  echo "$start $end" >>"$work/outages"
  echo "$(date -u +%T) kill $k: app killed with SIGKILL and restarted in $(( (end - start) / 1000 )).$(( (end - start) % 1000 / 100 )) s"
done

status=0
client_wait || status=$?

echo "SQL checks after the kills:"
"$PG_BIN/psql" -h 127.0.0.1 -p "$load_db_port" -U postgres -d carga -tA -F ' ' <<'SQL' | tee "$work/sql-checks"
SELECT 'values without any audit row:', count(*) FROM indicator_values v
  WHERE NOT v.is_demo AND NOT EXISTS (SELECT 1 FROM audit_entries a WHERE a.indicator_id = v.indicator_id AND a.reason = v.comment);
SELECT 'evidence rows without their value:', count(*) FROM evidence e WHERE NOT EXISTS (SELECT 1 FROM indicator_values v WHERE v.id = e.value_id);
SELECT 'load values whose value and comment differ from their newest audit row:', count(*) FROM indicator_values v
  WHERE v.comment LIKE 'carga %' AND (SELECT a.reason FROM audit_entries a
    WHERE a.indicator_id = v.indicator_id AND a.reason LIKE 'carga %' AND a.field = (SELECT f.field FROM audit_entries f WHERE f.reason = v.comment LIMIT 1)
    ORDER BY a.id DESC LIMIT 1) IS DISTINCT FROM v.comment;
SELECT 'evidence audit rows without their file:', count(*) FROM audit_entries a
  WHERE a.field LIKE '%evidencia' AND a.after LIKE 'acta-%' AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.file_name = split_part(a.after, ' ', 1));
SQL
if awk '{ if ($NF != 0) bad = 1 } END { exit bad }' "$work/sql-checks"; then :; else status=1; fi
[ "$status" -eq 0 ] && echo "Kill mid-write: OK" || echo "Kill mid-write: FAILED"
exit "$status"
