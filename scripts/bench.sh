#!/usr/bin/env bash
# National-scale benchmark. Starts the app (Release, Production settings, default logging)
# on a throwaway PostgreSQL with the official MRE plan, its demo values and N synthetic entities'
# plans (default 2,000), warms up, then measures side by side with wrk on loopback:
#   (a) plan dashboard of one plan      (b) indicator page      (c) Reporte de seguimiento (.xlsx)
#   (d) national roll-up (every entity, per sector)
#   (e) the raw SQL that reads the rows behind (a), run directly with pgbench: the floor of the data
#   (f) a static file served by the same Kestrel: the floor of the framework
#   (h) the national view's first answer after a restart, with its stored per-plan summaries and without
# and prints median and p95 latency, throughput, errors, the web process's peak memory, the
# ratios (a)/(e) and (a)/(f), and the indicator page beside the dashboard ((b)/(a) at p95).
# Usage: ./scripts/bench.sh [--entities N] [--seconds S] [--connections C] [--explain]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/lib/pg.sh

entities=2000 seconds=15 connections=8 explain=false
while [ $# -gt 0 ]; do
  case "$1" in
    --entities) entities="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --explain) explain=true; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

data_dir="$root/.data/bench-national-postgres"
port="${PEI_BENCH_DB_PORT:-55494}"
password=pei-bench
app_port="${PEI_BENCH_APP_PORT:-5094}"
base="http://127.0.0.1:$app_port"

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing wrk (Debian package)..."
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "The benchmark needs wrk: sudo apt-get install wrk" >&2; exit 1
  fi
fi

pg_stop "$data_dir" || true
rm -rf "$data_dir"
PG_FSYNC=on pg_start "$data_dir" "$port" "$password"
export PGPASSWORD="$password"
psql_() { "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
psql_ -c "CREATE DATABASE bench" >/dev/null
work="$(mktemp -d)"
chmod 755 "$work"
cleanup() { [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null; pg_stop "$data_dir"; rm -rf "$work"; }
trap cleanup EXIT

echo "Building (Release)..."
dotnet build src/PeiTracker.Web -c Release -v q -nologo >/dev/null
dll=src/PeiTracker.Web/bin/Release/net10.0/PeiTracker.Web.dll
export PEI_DB="Host=127.0.0.1;Port=$port;Database=bench;Username=postgres;Password=$password"
# The project folder as content root: appsettings.json (logging) and wwwroot (static files), as a deployed app has them.
export PEI_KEYS_DIR="$work/keys" PEI_ADMIN_EMAIL=bench@peitracker.local PEI_ADMIN_PASSWORD=Bench2025pei ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_CONTENTROOT="$root/src/PeiTracker.Web"

echo "Loading the official plan with demo values, then $entities synthetic entities..."
PEI_DEMO=true PEI_URLS="http://127.0.0.1:$app_port" dotnet "$dll" >"$work/seed.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 240); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 0.5; done
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
# A CEPLAN account for (d) and (h): the national view shows every entity only to CEPLAN (an institution's own
# administrator sees their institution alone). The app creates it as an administrator; its roles become CEPLAN's.
PEI_ADMIN_EMAIL=ceplan@peitracker.local PEI_URLS="http://127.0.0.1:$app_port" dotnet "$dll" >>"$work/seed.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 240); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 0.5; done
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
psql_ -d bench -c "DELETE FROM \"AspNetUserRoles\" WHERE user_id = (SELECT id FROM \"AspNetUsers\" WHERE normalized_email = 'CEPLAN@PEITRACKER.LOCAL');
  INSERT INTO \"AspNetUserRoles\" (user_id, role_id) SELECT u.id, r.id FROM \"AspNetUsers\" u, \"AspNetRoles\" r
  WHERE u.normalized_email = 'CEPLAN@PEITRACKER.LOCAL' AND r.name = 'Ceplan'" >/dev/null
dotnet "$dll" sinteticos "$entities" 2>&1 | grep -v '^\[' | tail -2
psql_ -d bench -c "ANALYZE" >/dev/null
echo "   database: $(psql_ -d bench -c "SELECT pg_size_pretty(pg_database_size('bench'))"), $(psql_ -d bench -c "SELECT count(*) FROM plans") plans, $(psql_ -d bench -c "SELECT count(*) FROM indicators") indicators, $(psql_ -d bench -c "SELECT count(*) FROM targets") targets, $(psql_ -d bench -c "SELECT count(*) FROM indicator_values") values"

# A fresh web process, so its peak memory is the serving of the pages below and nothing else.
PEI_URLS="http://127.0.0.1:$app_port" dotnet "$dll" >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 240); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$base/health" >/dev/null || { echo "the app did not start" >&2; tail -20 "$work/app.log" >&2; exit 1; }

jar="$work/cookies"
# A fresh sign-in before each measurement: a browser would take the cookie the app renews when it
# re-checks the account (every minute); a fixed cookie would be re-checked at every request.
sign_in() {
  rm -f "$jar"
  local token email="${1:-bench@peitracker.local}"
  token=$(curl -s -c "$jar" -b "$jar" "$base/Cuenta/Ingresar" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -c "$jar" -b "$jar" -o /dev/null -X POST "$base/Cuenta/Ingresar" \
    --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=Bench2025pei" --data-urlencode "__RequestVerificationToken=$token"
  cookie="$(awk '$6 ~ /^pei\.auth/ { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar")"
  [ -n "$cookie" ] || { echo "sign-in failed" >&2; exit 1; }
}
sign_in

plan_id=$(psql_ -d bench -c "SELECT id FROM plans WHERE code = 'MRE-PEI-2025-2030'")
# The indicator page of an indicator collected by reporting point (154 points' figures per period), when there is one.
indicator_id=$(psql_ -d bench -c "SELECT id FROM indicators WHERE plan_id = $plan_id AND objective_id IS NOT NULL ORDER BY collected_by_point DESC, id LIMIT 1")
static_url=$(curl -s "$base/Cuenta/Ingresar" | grep -o '/css/site\.[a-z0-9]*\.css' | head -1)
declare -A url=(
  [a]="/Tablero?anio=2025&periodo=A"
  [b]="/Plan/Indicador/$indicator_id"
  [c]="/Reportes/Seguimiento?anio=2025&periodo=A"
  [d]="/Tablero/Nacional?anio=2025&periodo=A"
  [f]="$static_url"
  [g]="/Cuenta/Contrasena"
  [i]="/Registro/Valor/$indicator_id"
)
declare -A label=(
  [a]="(a) tablero del plan (MRE)" [b]="(b) página de indicador" [c]="(c) Reporte de seguimiento .xlsx"
  [d]="(d) vista nacional ($entities entidades)" [e]="(e) SQL directo de las filas de (a)" [f]="(f) archivo estático"
  [g]="(g) página mínima con sesión (referencia)" [i]="(i) formulario de registro del indicador de (b)"
)

for k in a b c d f g i; do
  if [ "$k" = d ]; then sign_in ceplan@peitracker.local; else sign_in; fi
  read -r code took < <(curl -s -b "$jar" -o /dev/null -w '%{http_code} %{time_total}\n' "$base${url[$k]}")
  [ "$code" = 200 ] || { echo "${url[$k]} answered $code" >&2; tail -20 "$work/app.log" >&2; exit 1; }
  echo "   first request of ${label[$k]}: ${took} s"
done
echo "   memory after warm-up: $(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' /proc/$app_pid/status)"
for k in a b c d f g i; do
  if [ "$k" = d ]; then sign_in ceplan@peitracker.local; else sign_in; fi
  for _ in $(seq 1 20); do curl -s -b "$jar" -o /dev/null "$base${url[$k]}"; done
done

declare -A p50 p95 rps errs count
measure_http() {
  local k="$1" c="$2" line
  if [ "$k" = d ]; then sign_in ceplan@peitracker.local; else sign_in; fi
  # Warm-up at the measured concurrency (discarded): the JIT's second tier and the caches settle first.
  wrk -t2 -c"$c" -d3s -H "Cookie: $cookie" "$base${url[$k]}" >/dev/null
  line=$(wrk -t2 -c"$c" -d"${seconds}s" -H "Cookie: $cookie" -s scripts/lib/wrk-report.lua "$base${url[$k]}" | grep '^RESULT')
  read -r _ p50[$k] p95[$k] rps[$k] errs[$k] count[$k] <<<"$line"
}

# (e): the seven queries that read the plan tree behind (a), prepared, at the same concurrency.
cat >"$work/tree.sql" <<'SQL'
SELECT p.*, i.* FROM plans p JOIN institutions i ON i.id = p.institution_id WHERE p.id = :plan_id;
SELECT * FROM objectives WHERE plan_id = :plan_id ORDER BY priority, code;
SELECT * FROM actions WHERE plan_id = :plan_id ORDER BY priority, code;
SELECT * FROM indicators WHERE plan_id = :plan_id ORDER BY sort_order, key;
SELECT t.* FROM targets t JOIN indicators i ON i.id = t.indicator_id WHERE i.plan_id = :plan_id;
SELECT r.*, u.* FROM indicator_responsible_units r JOIN organizational_units u ON u.id = r.unit_id JOIN indicators i ON i.id = r.indicator_id WHERE i.plan_id = :plan_id;
SELECT v.* FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.plan_id = :plan_id;
SQL
measure_sql() {
  local c="$1"
  (cd "$work" && "$PG_BIN/pgbench" -h 127.0.0.1 -p "$port" -U postgres -n -M prepared -c "$c" -j 2 -T "$seconds" \
      -D plan_id="$plan_id" -f tree.sql -l --log-prefix=tree bench >"$work/pgbench.out" 2>&1)
  read -r p50[e] p95[e] count[e] < <(cat "$work"/tree.* | awk '{print $3 / 1000}' | sort -n | awk '{a[NR]=$1} END {printf "%.2f %.2f %d\n", a[int(NR*0.50)+1], a[int(NR*0.95)+1], NR}')
  rps[e]=$(awk -v n="${count[e]}" -v s="$seconds" 'BEGIN {printf "%.1f", n / s}')
  errs[e]=$(grep -c 'error' "$work/pgbench.out" || true)
}

echo "Measuring: wrk -t2 -c$connections -d${seconds}s per page ((c) with 2 connections: every export writes an audit row), pgbench -c$connections for (e)..."
measure_http a "$connections"
measure_http b "$connections"
measure_http c 2
measure_http d 4
measure_sql "$connections"
measure_http f "$connections"
measure_http g "$connections"
measure_http i "$connections"
peak=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' /proc/$app_pid/status)

# (h) The national view's first answer after a restart, without the background warm-up (so the request does all the
# work): with the per-plan summaries stored in PostgreSQL (plan_summaries), then with that table emptied, side by side.
restart_app() {
  kill "$app_pid"; wait "$app_pid" 2>/dev/null || true
  PEI_WARM_UP=false PEI_URLS="http://127.0.0.1:$app_port" dotnet "$dll" >"$work/app-restart.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 240); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 0.5; done
  sign_in ceplan@peitracker.local
}
first_national() { curl -s -b "$jar" -o /dev/null -w '%{time_total}' "$base${url[d]}"; }
declare -a stored_runs=() cold_runs=()
for _ in 1 2 3; do
  restart_app; stored_runs+=("$(first_national)")
done
stored_rows=$(psql_ -d bench -c "SELECT count(*) FROM plan_summaries")
for _ in 1 2; do
  psql_ -d bench -c "TRUNCATE plan_summaries" >/dev/null
  restart_app; cold_runs+=("$(first_national)")
done
median_of() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
h_stored=$(median_of "${stored_runs[@]}"); h_cold=$(median_of "${cold_runs[@]}")

echo
echo "| medición | URL | conexiones | mediana (ms) | p95 (ms) | peticiones/s | errores |"
echo "|---|---|---:|---:|---:|---:|---:|"
for k in a b c d e f g i; do
  conns=$connections; [ "$k" = c ] && conns=2; [ "$k" = d ] && conns=4
  where="${url[$k]:-pgbench, 7 consultas}"
  printf '| %s | `%s` | %s | %s | %s | %s | %s |\n' "${label[$k]}" "$where" "$conns" "${p50[$k]}" "${p95[$k]}" "${rps[$k]}" "${errs[$k]}"
done
echo
awk -v a50="${p50[a]}" -v a95="${p95[a]}" -v e50="${p50[e]}" -v e95="${p95[e]}" -v f50="${p50[f]}" -v f95="${p95[f]}" 'BEGIN {
  printf "Ratios: (a)/(e) mediana %.1fx, p95 %.1fx · (a)/(f) mediana %.1fx, p95 %.1fx\n", a50/e50, a95/e95, a50/f50, a95/f95 }'
awk -v a50="${p50[a]}" -v a95="${p95[a]}" -v b50="${p50[b]}" -v b95="${p95[b]}" 'BEGIN {
  printf "Indicator page (b) beside the dashboard (a): mediana %s ms | %s ms · p95 %s ms | %s ms · (b)/(a) p95 %.2fx\n", b50, a50, b95, a95, b95/a95 }'
awk -v a95="${p95[a]}" -v i95="${p95[i]}" 'BEGIN { printf "Entry form (i) beside the dashboard (a): p95 %s ms | %s ms · (i)/(a) %.2fx\n", i95, a95, i95/a95 }'
echo "Reference (g): the simplest signed-in page (session cookie, account check, layout) serves ${rps[g]} req/s on this run: the ceiling any signed-in page can reach here."
echo "Peak memory of the web process (VmHWM): $peak MB"
echo "(h) national view, first answer after a restart (no warm-up): with the $stored_rows stored summaries ${stored_runs[*]} s (median $h_stored s) | recomputing every plan ${cold_runs[*]} s (median $h_cold s) · $(awk -v a="$h_stored" -v b="$h_cold" 'BEGIN {printf "%.1fx faster", b/a}')"
echo
echo "Goals: (a) p95 <= 50 ms and <= 1.5x (e), >= 300 req/s; (b) and (i) p95 <= 1.5x (a) p95; (c) < 500 ms; (d) < 1 s; (h) < 2 s; memory < 400 MB"
awk -v a95="${p95[a]}" -v b95="${p95[b]}" -v i95="${p95[i]}" -v e95="${p95[e]}" -v arps="${rps[a]}" -v c95="${p95[c]}" -v d95="${p95[d]}" -v h="$h_stored" -v mem="$peak" -v errors="$(( ${errs[a]} + ${errs[b]} + ${errs[c]} + ${errs[d]} + ${errs[f]} + ${errs[i]} ))" 'BEGIN {
  ok = (a95 <= 50) && (a95 <= 1.5 * e95) && (arps >= 300) && (b95 <= 1.5 * a95) && (i95 <= 1.5 * a95) && (c95 < 500) && (d95 < 1000) && (h < 2) && (mem < 400) && (errors == 0)
  printf "(a) p95 %s ms %s · (a) <= 1.5x(e) %s · (a) %s req/s %s · (b) p95 %s ms <= 1.5x(a) %s · (i) p95 %s ms <= 1.5x(a) %s · (c) p95 %s ms %s · (d) p95 %s ms %s · (h) %s s %s · memory %s MB %s · errors %d\n",
    a95, (a95 <= 50 ? "ok" : "MISSED"), (a95 <= 1.5 * e95 ? "ok" : "MISSED"), arps, (arps >= 300 ? "ok" : "MISSED"), b95, (b95 <= 1.5 * a95 ? "ok" : "MISSED"), i95, (i95 <= 1.5 * a95 ? "ok" : "MISSED"),
    c95, (c95 < 500 ? "ok" : "MISSED"), d95, (d95 < 1000 ? "ok" : "MISSED"), h, (h < 2 ? "ok" : "MISSED"), mem, (mem < 400 ? "ok" : "MISSED"), errors
  exit ok ? 0 : 3 }' || echo "At least one goal missed on this run (see above)."

if [ "$explain" = true ]; then
  echo
  echo "Query plans (EXPLAIN ANALYZE) of the heavy reads:"
  for q in \
    "SELECT p.id, p.code, p.data_version, p.only_validated FROM plans p WHERE p.status = 'Vigente' ORDER BY p.code LIMIT 1" \
    "SELECT p.id, p.data_version FROM plans p ORDER BY p.id" \
    "SELECT t.* FROM targets t JOIN indicators i ON i.id = t.indicator_id WHERE i.plan_id = $plan_id" \
    "SELECT v.* FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.plan_id = $plan_id" \
    "SELECT p.id, p.code, p.data_version, p.only_validated, i.pliego_code, i.name, i.sector, i.government_level FROM plans p JOIN institutions i ON i.id = p.institution_id" \
    ; do
    echo
    echo "$q"
    psql_ -d bench -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) $q"
  done
  # The national roll-up reads 25 plans at a time by indicator id (the ids are a literal array, as the app sends them).
  ids=$(psql_ -d bench -c "SELECT array_agg(id) FROM indicators WHERE plan_id IN (SELECT id FROM plans ORDER BY id LIMIT 25)")
  for table in targets indicator_values indicator_responsible_units; do
    echo
    echo "SELECT * FROM $table WHERE indicator_id = ANY(<ids of the indicators of 25 plans>)"
    psql_ -d bench -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM $table WHERE indicator_id = ANY('$ids'::int[])" | grep -v 'Cond:' | cut -c1-160
  done
fi
