#!/usr/bin/env bash
# HTTP benchmarks of clustering-service on loopback, against a running local stack (./openpbr run).
# Needs wrk (Debian package "wrk") and psql. Usage: tools/benchmarks/http/run.sh [seconds per run]
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_PER_RUN="${1:-20}"
BASE="${OPENPBR_CLUSTERING_URL:-http://localhost:8081}"
REALM="${OPENPBR_REALM_URL:-http://localhost:8180/realms/openpbr}"
PGPORT="${OPENPBR_POSTGRES_PORT:-15432}"
export TODAY="$(date +%F)"

token() {
  curl -sf -d grant_type=password -d client_id=openpbr-cli -d username=lead.rx1 -d password=openpbr-demo \
    "$REALM/protocol/openid-connect/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}

export TOKEN="$(token)"
echo "(warm-up, not reported)"
wrk -t2 -c8 -d10s -s suggest.lua "$BASE/v1/suggestions" > /dev/null
for c in 1 8 16 32; do
  export TOKEN="$(token)"
  threads=$(( c < 2 ? 1 : 2 ))
  echo "== stateless suggestion, $c connections"
  wrk -t"$threads" -c"$c" -d"${SECONDS_PER_RUN}s" --latency -s suggest.lua "$BASE/v1/suggestions"
done

# People to assess: registered straight into the database before each run (setup, not measured), one
# per request, a fresh set per run so that no two requests ever assess the same person.
people() {
  local file; file="$(mktemp)"
  PGPASSWORD=openpbr psql -q -h localhost -p "$PGPORT" -U openpbr -d clustering -At -F, > "$file" <<SQL
with people as (
  insert into patient (id, provider_code, local_id, date_of_birth)
  select gen_random_uuid(), 'RX1', 'BENCH-' || gen_random_uuid(), date '1980-01-01'
  from generate_series(1, $1) returning id)
, spells as (
  insert into care_spell (id, patient_id, provider_code, commissioner_code, start_date, source)
  select gen_random_uuid(), id, 'RX1', '15N', current_date - 30, 'GP' from people returning id, patient_id)
select patient_id, id from spells;
SQL
  echo "$file"
}

export TOKEN="$(token)" THREADS=2 PEOPLE="$(people 20000)"
echo "(warm-up, not reported)"
wrk -t2 -c8 -d10s -s assess.lua "$BASE" > /dev/null
rm -f "$PEOPLE"
for c in 1 8 16 32; do
  threads=$(( c < 2 ? 1 : 2 ))
  export TOKEN="$(token)" THREADS="$threads" PEOPLE="$(people $(( SECONDS_PER_RUN * 2000 )))"
  echo "== stored assessment + allocation, $c connections"
  wrk -t"$threads" -c"$c" -d"${SECONDS_PER_RUN}s" --latency -s assess.lua "$BASE"
  rm -f "$PEOPLE"
done
