#!/usr/bin/env bash
# Measures the plan dashboard (/Tablero) of the MRE plan with demo values: starts the app on a
# throwaway database, signs in, warms up, then times N sequential requests with curl and prints
# the median and p95. Usage: ./scripts/bench-dashboard.sh [N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/lib/pg.sh
runs="${1:-200}"
data_dir="$root/.data/bench-postgres"
port=55434
password=pei-bench
app_port=5091

pg_stop "$data_dir" || true
rm -rf "$data_dir"
PG_FSYNC=off pg_start "$data_dir" "$port" "$password"
export PGPASSWORD="$password"
"$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE bench" >/dev/null
work="$(mktemp -d)"
cleanup() { [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null; pg_stop "$data_dir"; rm -rf "$work"; }
trap cleanup EXIT

dotnet build src/PeiTracker.Web -c Release -v q -nologo >/dev/null
PEI_DB="Host=127.0.0.1;Port=$port;Database=bench;Username=postgres;Password=$password" \
PEI_URLS="http://127.0.0.1:$app_port" PEI_DEMO=true PEI_KEYS_DIR="$work/keys" \
PEI_ADMIN_EMAIL=bench@peitracker.local PEI_ADMIN_PASSWORD=Bench2025pei ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_CONTENTROOT="$root/src/PeiTracker.Web" \
Serilog__MinimumLevel__Default=Warning \
  dotnet src/PeiTracker.Web/bin/Release/net10.0/PeiTracker.Web.dll >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$app_port/health" >/dev/null 2>&1 && break; sleep 0.5; done

jar="$work/cookies"
token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$app_port/Cuenta/Ingresar" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -c "$jar" -b "$jar" -o /dev/null -X POST "http://127.0.0.1:$app_port/Cuenta/Ingresar" \
  --data-urlencode "Input.Email=bench@peitracker.local" --data-urlencode "Input.Password=Bench2025pei" --data-urlencode "__RequestVerificationToken=$token"

measure() {
  local url="$1" n="$2"
  for _ in $(seq 1 20); do curl -s -b "$jar" -o /dev/null "$url"; done
  for _ in $(seq 1 "$n"); do curl -s -b "$jar" -o /dev/null -w "%{http_code} %{time_total}\n" "$url"; done >"$work/times"
  if grep -qv '^200 ' "$work/times"; then echo "non-200 answers for $url" >&2; exit 1; fi
  awk '{print $2 * 1000}' "$work/times" | sort -n | awk -v url="$url" '{a[NR]=$1} END {printf "| %s | %d | %.1f | %.1f |\n", url, NR, a[int(NR/2)+1], a[int(NR*0.95)]}'
}

echo "| página | peticiones | mediana (ms) | p95 (ms) |"
echo "|---|---:|---:|---:|"
measure "http://127.0.0.1:$app_port/Tablero?anio=2025&periodo=A" "$runs"
measure "http://127.0.0.1:$app_port/Plan/Indicador/20" "$runs"
measure "http://127.0.0.1:$app_port/css/site.css" "$runs"
