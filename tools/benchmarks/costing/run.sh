#!/usr/bin/env bash
# Costing at trust-year scale against the local stack: bulk load the synthetic files written by
# CostingData, then cost the period. Prints rows per second per file, the run's step timings and
# costing-service's resident memory before and after. Usage:
#   tools/benchmarks/costing/run.sh DIR [period-code]
# Needs a running stack (./openpbr run) whose RX1 has no feed episodes (OPENPBR_DEMO_PATIENTS=0 on
# a fresh --data directory), curl and python3.
set -euo pipefail
dir=${1:?usage: run.sh DIR [period-code]}
period=${2:-FY2025}
costing=${OPENPBR_COSTING_URL:-http://localhost:8082}
keycloak=${OPENPBR_KEYCLOAK_URL:-http://localhost:8180}
token=$(curl -sf -d grant_type=password -d client_id=openpbr-cli -d username=finance.rx1 \
  -d password="${OPENPBR_DEMO_PASSWORD:-openpbr-demo}" \
  "$keycloak/realms/openpbr/protocol/openid-connect/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
auth=(-H "Authorization: Bearer $token")
rss() { ps -o rss= -p "$(pgrep -f 'costing-service.*quarkus-run.jar' | head -1)" | awk '{printf "%.0f MB", $1/1024}'; }
send() { # method path file -> prints seconds and rows per second
  local rows; rows=$(($(wc -l < "$3") - 1))
  local out; out=$(curl -s -o /tmp/costing-bench-response.json -w '%{http_code} %{time_total}' -X "$1" "${auth[@]}" \
    -H 'Content-Type: text/csv; charset=UTF-8' --data-binary @"$3" "$costing$2")
  local code=${out%% *} secs=${out##* }
  [[ $code == 20* ]] || { echo "$2: HTTP $code"; cat /tmp/costing-bench-response.json; exit 1; }
  printf '%-44s %9d rows %7.2f s %10.0f rows/s\n' "$2" "$rows" "$secs" "$(python3 -c "print($rows/$secs)")"
}
echo "costing-service resident memory before: $(rss)"
send PUT /v1/cost-centres "$dir/centres.csv"
curl -s -o /dev/null -X POST "${auth[@]}" -H 'Content-Type: application/json' \
  -d "{\"code\":\"$period\",\"startDate\":\"2025-04-01\",\"endDate\":\"2026-03-31\"}" "$costing/v1/periods"
send PUT "/v1/periods/$period/ledger" "$dir/ledger.csv"
send POST /v1/episodes "$dir/episodes.csv"
send POST "/v1/periods/$period/activity/contacts" "$dir/contacts.csv"
send POST "/v1/periods/$period/activity/bed-days" "$dir/bed-days.csv"
send POST "/v1/periods/$period/activity/group-sessions" "$dir/group-sessions.csv"
echo "costing-service resident memory after loading: $(rss)"
start=$(date +%s.%N)
curl -sf -X POST "${auth[@]}" -H 'Content-Type: application/json' \
  -d "{\"period\":\"$period\"}" "$costing/v1/runs" > /tmp/costing-bench-run.json
end=$(date +%s.%N)
python3 - "$start" "$end" <<'PY'
import json, sys
run = json.load(open('/tmp/costing-bench-run.json'))
r = run['reconciliation']
print(f"run {run['id']}: {run['activityRows']} activity rows, {run['episodes']} episodes, "
      f"{float(sys.argv[2]) - float(sys.argv[1]):.2f} s over HTTP")
print("  step timings (ms):", run['timings'])
print(f"  costed {r['costedTotal']} = allocated {r['allocated']} + not clustered {r['notClustered']}"
      f" + unallocated {r['unallocated']}; difference {r['difference']}")
PY
echo "costing-service resident memory after the run: $(rss)"
