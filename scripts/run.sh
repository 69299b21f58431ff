#!/usr/bin/env bash
# Runs PeiTracker on http://127.0.0.1:5080 with a local PostgreSQL cluster in .data/postgres.
# Usage: ./scripts/run.sh [--demo]      Ctrl-C stops the app (the database keeps running).
#        ./scripts/run.sh --stop-db     stops the local database.
#        ./scripts/run.sh --wipe-db     stops it and deletes its data.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/lib/pg.sh

data_dir="$root/.data/postgres"
port="${PEI_DB_PORT:-55432}"
password="${PEI_DB_PASSWORD:-pei-local-dev}"

case "${1:-}" in
  --stop-db) pg_stop "$data_dir"; echo "Base de datos detenida."; exit 0 ;;
  --wipe-db) pg_stop "$data_dir"; rm -rf "$data_dir"; echo "Base de datos eliminada."; exit 0 ;;
  --demo) export PEI_DEMO=true ;;
  "") ;;
  *) echo "Uso: $0 [--demo|--stop-db|--wipe-db]" >&2; exit 2 ;;
esac

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }
pg_start "$data_dir" "$port" "$password"
# The app serves requests as peitracker_app, which owns nothing; migrations run as peitracker_owner (README).
pg_provision "$port" "$password" peitracker peitracker_owner "$password" peitracker_app "$password"

export PEI_DB="${PEI_DB:-Host=127.0.0.1;Port=$port;Database=peitracker;Username=peitracker_app;Password=$password}"
export PEI_DB_OWNER="${PEI_DB_OWNER:-Host=127.0.0.1;Port=$port;Database=peitracker;Username=peitracker_owner;Password=$password}"
export PEI_URLS="${PEI_URLS:-http://127.0.0.1:5080}"
export PEI_ADMIN_EMAIL="${PEI_ADMIN_EMAIL:-admin@peitracker.local}"
export PEI_ADMIN_PASSWORD="${PEI_ADMIN_PASSWORD:-Admin2025pei}"
export PEI_KEYS_DIR="${PEI_KEYS_DIR:-$root/.data/keys}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

echo "PeiTracker: $PEI_URLS  (usuario: $PEI_ADMIN_EMAIL)"
exec dotnet run --project src/PeiTracker.Web -c Release --no-launch-profile
