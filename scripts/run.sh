#!/usr/bin/env bash
# Runs PeiTracker on http://127.0.0.1:5080 with a local PostgreSQL cluster in .data/postgres and, unless
# PEI_SMTP_HOST names a real SMTP server, a development mail server (smtp4dev) that keeps every e-mail:
# SMTP on 127.0.0.1:2525, inbox and API on http://127.0.0.1:5081.
# Usage: ./scripts/run.sh [--demo]      Ctrl-C stops the app (the database and the mail server keep running).
#        ./scripts/run.sh --stop        stops the local database and the development mail server.
#        ./scripts/run.sh --stop-db     stops the local database.
#        ./scripts/run.sh --stop-mail   stops the development mail server.
#        ./scripts/run.sh --wipe-db     stops the database and deletes its data.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/lib/pg.sh
source scripts/lib/devmail.sh

data_dir="$root/.data/postgres"
port="${PEI_DB_PORT:-55432}"
password="${PEI_DB_PASSWORD:-pei-local-dev}"
mail_dir="$root/.data/smtp4dev"
mail_smtp_port="${PEI_DEV_SMTP_PORT:-2525}"
mail_web_port="${PEI_DEV_INBOX_PORT:-5081}"

case "${1:-}" in
  --stop) devmail_stop "$mail_dir"; pg_stop "$data_dir"; echo "Servidor de correo de desarrollo y base de datos detenidos."; exit 0 ;;
  --stop-db) pg_stop "$data_dir"; echo "Base de datos detenida."; exit 0 ;;
  --stop-mail) devmail_stop "$mail_dir"; echo "Servidor de correo de desarrollo detenido."; exit 0 ;;
  --wipe-db) pg_stop "$data_dir"; rm -rf "$data_dir"; echo "Base de datos eliminada."; exit 0 ;;
  --demo) export PEI_DEMO=true ;;
  "") ;;
  *) echo "Uso: $0 [--demo|--stop|--stop-db|--stop-mail|--wipe-db]" >&2; exit 2 ;;
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
export PEI_PUBLIC_URL="${PEI_PUBLIC_URL:-${PEI_URLS%%;*}}"

# E-mail: a real server when PEI_SMTP_HOST is set, otherwise the development inbox on loopback.
if [ -z "${PEI_SMTP_HOST:-}" ]; then
  devmail_start "$mail_dir" "$mail_smtp_port" "$mail_web_port"
  export PEI_SMTP_HOST=127.0.0.1 PEI_SMTP_PORT="$mail_smtp_port" PEI_SMTP_TLS=none
  export PEI_MAIL_POLL_SECONDS="${PEI_MAIL_POLL_SECONDS:-5}"
  echo "Correo de desarrollo: cada e-mail que envía la aplicación se ve en http://127.0.0.1:$mail_web_port"
fi

echo "PeiTracker: $PEI_URLS  (usuario: $PEI_ADMIN_EMAIL)"
exec dotnet run --project src/PeiTracker.Web -c Release --no-launch-profile
