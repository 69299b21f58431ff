#!/usr/bin/env bash
# Throwaway PostgreSQL clusters for development and tests, in a folder of the project.
# Sourced by run.sh and test.sh. PostgreSQL refuses to run as root, so as root the cluster
# belongs to the "postgres" system user; as an ordinary user it belongs to that user.

pg_find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && PG_BIN="$dir"
  done
  if [ -z "${PG_BIN:-}" ] && command -v pg_ctl >/dev/null 2>&1; then
    PG_BIN="$(dirname "$(command -v pg_ctl)")"
  fi
  if [ -z "${PG_BIN:-}" ]; then
    if [ "$(id -u)" -eq 0 ]; then
      echo "Installing PostgreSQL (Debian package)..." >&2
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      for dir in /usr/lib/postgresql/*/bin; do
        [ -x "$dir/pg_ctl" ] && PG_BIN="$dir"
      done
    fi
  fi
  if [ -z "${PG_BIN:-}" ]; then
    echo "PostgreSQL 15+ is required: install the 'postgresql' package (apt-get install postgresql)." >&2
    return 1
  fi
}

# Runs a command as the cluster's owner.
pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# pg_start DIR PORT PASSWORD: creates the cluster on first use, starts it if stopped.
pg_start() {
  local dir port="$2" password="$3"
  pg_find_bin || return 1
  mkdir -p "$1"
  dir="$(cd "$1" && pwd)"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown postgres: "$dir"
    # The cluster's owner must be able to reach the folder through its parents.
    local parent="$dir"
    while parent="$(dirname "$parent")" && [ "$parent" != "/" ]; do
      chmod o+x "$parent" 2>/dev/null || true
    done
  fi
  if [ ! -f "$dir/PG_VERSION" ]; then
    local pwfile
    pwfile="$(mktemp)"
    printf '%s\n' "$password" >"$pwfile"
    chmod 644 "$pwfile"
    pg_as_owner "$PG_BIN/initdb" -D "$dir" -U postgres --pwfile="$pwfile" \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null || { rm -f "$pwfile"; return 1; }
    rm -f "$pwfile"
  fi
  if pg_as_owner "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    return 0
  fi
  pg_as_owner "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=200 -c fsync=${PG_FSYNC:-on}" start >/dev/null || {
    echo "PostgreSQL did not start; see $dir/server.log" >&2
    tail -n 20 "$dir/server.log" >&2
    return 1
  }
}

pg_stop() {
  local dir="$1"
  pg_find_bin || return 1
  [ -f "$dir/PG_VERSION" ] || return 0
  pg_as_owner "$PG_BIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
}

# pg_provision PORT SUPERUSER_PASSWORD DATABASE OWNER OWNER_PASSWORD APP APP_PASSWORD: the database owned by
# the owner role, and the app role that owns nothing (scripts/db/provision.sql; idempotent).
pg_provision() {
  local here
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  PGPASSWORD="$2" "$PG_BIN/psql" -h 127.0.0.1 -p "$1" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
    -v database="$3" -v owner="$4" -v owner_password="$5" -v app="$6" -v app_password="$7" \
    -f "$here/db/provision.sql" >/dev/null
}
