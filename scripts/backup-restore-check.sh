#!/usr/bin/env bash
# Backup and restore, proven: runs the app on a throwaway database with the official plan and demo
# values, downloads the exports, backs the database up with pg_dump, restores it into a new database
# with pg_restore, runs the app on the copy, downloads the same exports and compares them byte by byte.
# Usage: ./scripts/backup-restore-check.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/lib/pg.sh
data_dir="$root/.data/backup-check-postgres"
port=55435
password=pei-backup
app_port=5092
work="$(mktemp -d)"
chmod 755 "$work"

pg_stop "$data_dir" || true
rm -rf "$data_dir"
pg_start "$data_dir" "$port" "$password"
export PGPASSWORD="$password"
psql_() { "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
cleanup() { [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true; pg_stop "$data_dir"; rm -rf "$work"; }
trap cleanup EXIT
psql_ -c "CREATE DATABASE original" >/dev/null

dotnet build src/PeiTracker.Web -c Release -v q -nologo >/dev/null

start_app() {
  PEI_DB="Host=127.0.0.1;Port=$port;Database=$1;Username=postgres;Password=$password" \
  PEI_URLS="http://127.0.0.1:$app_port" PEI_DEMO="$2" PEI_KEYS_DIR="$work/keys" \
  PEI_ADMIN_EMAIL=backup@peitracker.local PEI_ADMIN_PASSWORD=Backup2025pei ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_CONTENTROOT="$root/src/PeiTracker.Web" \
  Serilog__MinimumLevel__Default=Warning \
    dotnet src/PeiTracker.Web/bin/Release/net10.0/PeiTracker.Web.dll >"$work/app-$1.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$app_port/health" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "the app did not start on database $1" >&2; cat "$work/app-$1.log" >&2; exit 1
}

download_all() {
  local out="$work/$1" jar="$work/cookies-$1"
  mkdir -p "$out"
  local token
  token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$app_port/Cuenta/Ingresar" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -c "$jar" -b "$jar" -o /dev/null -X POST "http://127.0.0.1:$app_port/Cuenta/Ingresar" \
    --data-urlencode "Input.Email=backup@peitracker.local" --data-urlencode "Input.Password=Backup2025pei" --data-urlencode "__RequestVerificationToken=$token"
  curl -fs -b "$jar" -o "$out/seguimiento-2025.xlsx" "http://127.0.0.1:$app_port/Reportes/Seguimiento?anio=2025&periodo=A"
  curl -fs -b "$jar" -o "$out/seguimiento-2026-S1.xlsx" "http://127.0.0.1:$app_port/Reportes/Seguimiento?anio=2026&periodo=S1"
  curl -fs -b "$jar" -o "$out/matriz.xlsx" "http://127.0.0.1:$app_port/Plan/Matriz/Descargar"
  curl -fs -b "$jar" -o "$out/indicadores.csv" "http://127.0.0.1:$app_port/DatosAbiertos/MRE-PEI-2025-2030/indicadores.csv"
  curl -fs -b "$jar" -o "$out/avance.csv" "http://127.0.0.1:$app_port/DatosAbiertos/MRE-PEI-2025-2030/avance.csv"
  curl -fs -b "$jar" -o "$out/plan.json" "http://127.0.0.1:$app_port/DatosAbiertos/MRE-PEI-2025-2030/plan.json"
}

echo "1. App on the original database (official plan + demo values); exports downloaded."
start_app original true
download_all original
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""

echo "2. pg_dump (custom format) and pg_restore into a new database."
started=$(date +%s.%N)
"$PG_BIN/pg_dump" -h 127.0.0.1 -p "$port" -U postgres -Fc -f "$work/peitracker.dump" original
dumped=$(date +%s.%N)
psql_ -c "CREATE DATABASE restored" >/dev/null
"$PG_BIN/pg_restore" -h 127.0.0.1 -p "$port" -U postgres -d restored --no-owner "$work/peitracker.dump"
restored=$(date +%s.%N)
printf '   dump %s bytes in %s s; restore in %s s\n' "$(stat -c %s "$work/peitracker.dump")" \
  "$(awk -v a="$started" -v b="$dumped" 'BEGIN { printf "%.2f", b - a }')" "$(awk -v a="$dumped" -v b="$restored" 'BEGIN { printf "%.2f", b - a }')"
for table in indicators targets indicator_values audit_entries evidence \"AspNetUsers\"; do
  a=$(psql_ -d original -tAc "SELECT count(*) FROM $table"); b=$(psql_ -d restored -tAc "SELECT count(*) FROM $table")
  printf '   %-18s original %6s  restored %6s\n' "$table" "$a" "$b"
  [ "$a" = "$b" ] || { echo "row counts differ for $table" >&2; exit 1; }
done

echo "3. App on the restored database; the same exports downloaded and compared byte by byte."
start_app restored false
download_all restored
status=0
for file in "$work/original"/*; do
  name=$(basename "$file")
  if cmp -s "$file" "$work/restored/$name"; then
    printf '   %-26s identical (%s bytes, sha256 %s)\n' "$name" "$(stat -c %s "$file")" "$(sha256sum "$file" | cut -c1-16)"
  else
    printf '   %-26s DIFFERENT\n' "$name"; status=1
  fi
done
[ "$status" -eq 0 ] && echo "Backup and restore: every export is byte-identical." || echo "Backup and restore: exports differ." >&2
exit "$status"
