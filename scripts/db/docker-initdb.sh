#!/usr/bin/env bash
# First start of the postgres container (docker-entrypoint-initdb.d): the two PeiTracker roles and their database.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v database="${PEI_DB_NAME:-peitracker}" \
  -v owner="${PEI_DB_OWNER_USER:-peitracker_owner}" -v owner_password="$PEI_DB_OWNER_PASSWORD" \
  -v app="${PEI_DB_APP_USER:-peitracker_app}" -v app_password="$PEI_DB_PASSWORD" \
  -f /pei/provision.sql
