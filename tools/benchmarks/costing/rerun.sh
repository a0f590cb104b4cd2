#!/usr/bin/env bash
# Costs periods already loaded (by run.sh) again, three times each, printing the time over HTTP and
# the run's step timings: the steady-state figures. Usage:
#   tools/benchmarks/costing/rerun.sh PERIOD [PERIOD...]
set -euo pipefail
[[ $# -gt 0 ]] || { echo "usage: rerun.sh PERIOD [PERIOD...]"; exit 2; }
costing=${OPENPBR_COSTING_URL:-http://localhost:8082}
keycloak=${OPENPBR_KEYCLOAK_URL:-http://localhost:8180}
token=$(curl -sf -d grant_type=password -d client_id=openpbr-cli -d username=finance.rx1 \
  -d password="${OPENPBR_DEMO_PASSWORD:-openpbr-demo}" \
  "$keycloak/realms/openpbr/protocol/openid-connect/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
for period in "$@"; do
  for _ in 1 2 3; do
    curl -sf -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d "{\"period\":\"$period\"}" -w ' %{time_total}' "$costing/v1/runs" | python3 -c '
import json, sys
body, secs = sys.stdin.read().rsplit(" ", 1)
run = json.loads(body)
code, rows, steps = run["period"]["code"], run["activityRows"], run["timings"]
print(f"{code}: {rows} activity rows, {float(secs):.2f} s over HTTP, steps (ms) {steps}")'
  done
done
