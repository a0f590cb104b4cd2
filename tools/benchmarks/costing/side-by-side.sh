#!/usr/bin/env bash
# The costing run beside a plain-SQL anchor of the same method, interleaved in one sitting on the
# same loaded period and the same PostgreSQL: service run, anchor, service run, anchor, ... Prints
# every time, then the medians, ranges and their ratio. Usage:
#   tools/benchmarks/costing/side-by-side.sh ANCHOR.sql PERIOD [TIMES]
# ANCHOR.sql is method v1 written as plain set-based SQL over costing-service's tables (psql
# variables :provider and :period, TEMP tables only). Needs a running stack with PERIOD loaded
# (run.sh), psql, curl and python3.
set -euo pipefail
anchor=${1:?usage: side-by-side.sh ANCHOR.sql PERIOD [TIMES]}
period=${2:?usage: side-by-side.sh ANCHOR.sql PERIOD [TIMES]}
times=${3:-7}
costing=${OPENPBR_COSTING_URL:-http://localhost:8082}
keycloak=${OPENPBR_KEYCLOAK_URL:-http://localhost:8180}
token=$(curl -sf -d grant_type=password -d client_id=openpbr-cli -d username=finance.rx1 \
  -d password="${OPENPBR_DEMO_PASSWORD:-openpbr-demo}" \
  "$keycloak/realms/openpbr/protocol/openid-connect/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
service=() sql=()
for i in $(seq "$times"); do
  s=$(curl -sf -o /tmp/costing-side-run.json -w '%{time_total}' -X POST -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d "{\"period\":\"$period\"}" "$costing/v1/runs")
  steps=$(python3 -c 'import json; print(json.load(open("/tmp/costing-side-run.json"))["timings"])')
  start=$(date +%s.%N)
  PGPASSWORD=${PGPASSWORD:-openpbr} psql -q -h localhost -p 15432 -U openpbr -d costing -v provider=RX1 \
    -v period="$period" -f "$anchor" > /tmp/costing-side-anchor.txt
  a=$(python3 -c "import time; print(f'{time.time() - $start:.3f}')")
  echo "round $i: service $s s (steps ms $steps); plain SQL $a s"
  service+=("$s") sql+=("$a")
done
python3 - "${service[*]}" "${sql[*]}" <<'PY'
import statistics, sys
s = [float(x) for x in sys.argv[1].split()]
a = [float(x) for x in sys.argv[2].split()]
ms, ma = statistics.median(s), statistics.median(a)
print(f"service: median {ms:.2f} s ({min(s):.2f}-{max(s):.2f}); first {s[0]:.2f} s")
print(f"plain SQL: median {ma:.2f} s ({min(a):.2f}-{max(a):.2f}); first {a[0]:.2f} s")
print(f"ratio of medians: {ms / ma:.2f}x; first runs: {s[0] / a[0]:.2f}x")
PY
tail -3 /tmp/costing-side-anchor.txt
