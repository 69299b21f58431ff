#!/usr/bin/env bash
# Shared by load.sh and kill-mid-write.sh: a throwaway PostgreSQL, the Release app with the demo data,
# and the load client, all on loopback. Expects $root, and sources pg.sh.
# Ports: PostgreSQL 55461-55469 and the app 5161-5169 (PEI_LOAD_DB_PORT, PEI_LOAD_APP_PORT).
source "$root/scripts/lib/pg.sh"

load_db_port="${PEI_LOAD_DB_PORT:-55461}"
load_app_port="${PEI_LOAD_APP_PORT:-5161}"
load_password=pei-load
load_url="http://127.0.0.1:$load_app_port"
load_conn="Host=127.0.0.1;Port=$load_db_port;Database=carga;Username=postgres;Password=$load_password"

now_ms() { date +%s%3N; }

# load_prepare NAME: fresh cluster and database, builds the app and the client, a work folder in $work.
load_prepare() {
  local name="$1"
  command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }
  command -v curl >/dev/null || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null; }
  data_dir="$root/.data/$name-postgres"
  work="$(mktemp -d)"
  pg_stop "$data_dir" || true
  rm -rf "$data_dir"
  pg_start "$data_dir" "$load_db_port" "$load_password"
  export PGPASSWORD="$load_password"
  "$PG_BIN/psql" -h 127.0.0.1 -p "$load_db_port" -U postgres -qc "CREATE DATABASE carga" >/dev/null
  trap load_cleanup EXIT
  echo "Building the app and the load client (Release)..."
  dotnet build src/PeiTracker.Web -c Release -v q -nologo >/dev/null
  dotnet build benchmarks/PeiTracker.Load -c Release -v q -nologo >/dev/null
}

load_cleanup() {
  [ -n "${client_pid:-}" ] && kill "$client_pid" 2>/dev/null
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null
  wait 2>/dev/null
  pg_stop "$data_dir"
  rm -rf "$work"
}

# app_start: starts the Release app in the background ($app_pid) and waits until /health answers 200 (60 s at most).
app_start() {
  PEI_DB="$load_conn" PEI_URLS="$load_url" PEI_DEMO=true PEI_KEYS_DIR="$work/keys" \
  PEI_ADMIN_EMAIL=carga@peitracker.local PEI_ADMIN_PASSWORD=Carga2025pei ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_CONTENTROOT="$root/src/PeiTracker.Web" \
  PEI_LOGIN_RATE_LIMIT=1000 Serilog__MinimumLevel__Default=Warning \
    dotnet src/PeiTracker.Web/bin/Release/net10.0/PeiTracker.Web.dll >>"$work/app.log" 2>&1 &
  app_pid=$!
  local i
  for i in $(seq 1 120); do
    curl -fs -o /dev/null "$load_url/health" 2>/dev/null && return 0
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.5
  done
  echo "The app did not become healthy; last lines of its log:" >&2
  tail -n 30 "$work/app.log" >&2
  return 1
}

# client_start ARGS...: the load scenario in the background ($client_pid), output in $work/client.log.
client_start() {
  dotnet benchmarks/PeiTracker.Load/bin/Release/net10.0/PeiTracker.Load.dll load \
    --base-url "$load_url" --db "$load_conn" --outage-file "$work/outages" --json "$work/result.json" "$@" \
    >"$work/client.log" 2>&1 &
  client_pid=$!
}

# client_wait: waits for the client, prints its report, returns its exit code.
client_wait() {
  local status=0
  wait "$client_pid" || status=$?
  client_pid=""
  cat "$work/client.log"
  return "$status"
}
