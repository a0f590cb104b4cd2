#!/usr/bin/env bash
# The contacts upload beside a raw psql \copy of the same CSV into a logged table with the file's
# own columns, interleaved: upload into a new period, \copy, upload, \copy, ... Prints each time,
# the medians and the upload's throughput as a share of the raw COPY's. Usage:
#   tools/benchmarks/costing/load-vs-copy.sh DIR [TIMES]
# Needs a running stack where run.sh has loaded DIR's cost centres, psql, curl and python3. Each
# upload goes into a period of its own (L1, L2, ...; OPENPBR_LOAD_PREFIX=M makes them M1, M2, ...
# for a second sitting on the same stack); the scratch table (not autovacuumed, so that vacuuming
# it does not compete with the next upload) is dropped at the end.
set -euo pipefail
dir=${1:?usage: load-vs-copy.sh DIR [TIMES]}
times=${2:-3}
costing=${OPENPBR_COSTING_URL:-http://localhost:8082}
keycloak=${OPENPBR_KEYCLOAK_URL:-http://localhost:8180}
export PGPASSWORD=${PGPASSWORD:-openpbr}
psql_() { psql -q -h localhost -p 15432 -U openpbr -d costing "$@"; }
token=$(curl -sf -d grant_type=password -d client_id=openpbr-cli -d username=finance.rx1 \
  -d password="${OPENPBR_DEMO_PASSWORD:-openpbr-demo}" \
  "$keycloak/realms/openpbr/protocol/openid-connect/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
psql_ -c "create table if not exists bench_raw_contacts (contact_id text, patient_id text, contact_date date,
  cost_centre text, staff_group text, minutes integer) with (autovacuum_enabled = false)"
api=() raw=()
for i in $(seq "$times"); do
  curl -sf -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"code\":\"${OPENPBR_LOAD_PREFIX:-L}$i\",\"startDate\":\"2025-04-01\",\"endDate\":\"2026-03-31\"}" "$costing/v1/periods"
  a=$(curl -sf -o /dev/null -w '%{time_total}' -X POST -H "Authorization: Bearer $token" \
    -H 'Content-Type: text/csv; charset=UTF-8' --data-binary @"$dir/contacts.csv" "$costing/v1/periods/${OPENPBR_LOAD_PREFIX:-L}$i/activity/contacts")
  # the service vacuums and analyses the new rows in the background after acknowledging the upload;
  # the raw \copy waits for that, so that it does not share the machine with it
  for _ in $(seq 300); do
    busy=$(psql_ -tAc "select count(*) from pg_stat_activity where datname = 'costing' and state = 'active'
      and (query ilike 'vacuum%' or query ilike 'analyze%')")
    [[ "$busy" == 0 ]] && break
    sleep 0.2
  done
  start=$(date +%s.%N)
  psql_ -c "\\copy bench_raw_contacts from '$dir/contacts.csv' with (format csv, header true)"
  r=$(python3 -c "import time; print(f'{time.time() - $start:.3f}')")
  echo "round $i: upload $a s; raw \\copy $r s"
  api+=("$a") raw+=("$r")
done
psql_ -c "drop table bench_raw_contacts"
python3 - "${api[*]}" "${raw[*]}" "$(($(wc -l < "$dir/contacts.csv") - 1))" <<'PY'
import statistics, sys
a = [float(x) for x in sys.argv[1].split()]
r = [float(x) for x in sys.argv[2].split()]
rows = int(sys.argv[3])
ma, mr = statistics.median(a), statistics.median(r)
print(f"upload: median {ma:.2f} s ({min(a):.2f}-{max(a):.2f}), {rows / ma:,.0f} rows/s")
print(f"raw \\copy: median {mr:.2f} s ({min(r):.2f}-{max(r):.2f}), {rows / mr:,.0f} rows/s")
print(f"upload throughput = {mr / ma:.0%} of raw COPY's")
PY
