#!/usr/bin/env bash
# The region benchmark for PV05 (issue 14): one commissioner (15N), five providers (RX1-RX5), 250,000
# people (region.sql). Each provider gets an agreed contract, priced per episode, then each
# provider's April statement is computed and issued over HTTP: the cross-provider check runs on every
# unit against the four other providers. May's statements follow (judged for changes, with May's new
# units). The plain-SQL anchor (region-anchor.sql) runs for each month in the same sitting. Needs a
# running stack without the demo trust (OPENPBR_DEMO_PATIENTS=0 ./openpbr run), psql, curl, python3.
# Setup shortcut, not measured: RX2-RX5 have no finance user in the local realm, so their contracts'
# countersignatures are written with SQL after the commissioner offers them over the API.
# Usage: tools/benchmarks/contract/region.sh [PEOPLE]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
people=${1:-250000}
. "$here/lib.sh"
manager=$(token contracts.15n)
finance=$(token finance.rx1)

start=$(date +%s.%N)
psql_contract -v people="$people" -f "$here/region.sql"
echo "region written in $(python3 -c "import time; print(f'{time.time() - $start:.1f}')") s (setup, not measured against a target)"

ids=()
for p in RX1 RX2 RX3 RX4 RX5; do
  reference="REGION-$p-$(date +%s)"
  python3 - "$reference" "$p" > /tmp/contract-region-draft.json <<'PY'
import json, sys
codes = ['0%d' % n for n in range(1, 9)] + [str(n) for n in range(10, 22)]
print(json.dumps({"reference": sys.argv[1], "commissionerCode": "15N", "providerCode": sys.argv[2], "financialYear": "2025-26",
    "scheme": "mh-care-clusters", "schemeVersions": ["2012-illustrative-2"],
    "terms": {"shadow": False, "fixed": {"annualAmount": 2000000.00},
        "activity": {"unit": "CLUSTER_EPISODE", "priceSource": "LOCAL", "mode": "ALL_UNITS",
                     "localPrices": [{"code": c, "price": 500 + int(c) * 100} for c in codes]}}}))
PY
  id=$(curl -sf -H "Authorization: Bearer $manager" -H 'Content-Type: application/json' -d @/tmp/contract-region-draft.json \
    "$contract/v1/contracts" | python3 -c 'import json,sys; print(json.load(sys.stdin)["contractId"])')
  v="$contract/v1/contracts/$id/versions/1"
  etag=$(curl -sf -D - -o /dev/null -H "Authorization: Bearer $manager" "$v" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
  curl -sf -o /dev/null -H "Authorization: Bearer $manager" -H "If-Match: $etag" -H 'Content-Type: application/json' -d '{}' "$v/offer"
  if [ "$p" = RX1 ]; then
    etag=$(curl -sf -D - -o /dev/null -H "Authorization: Bearer $finance" "$v" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
    curl -sf -o /dev/null -H "Authorization: Bearer $finance" -H "If-Match: $etag" -H 'Content-Type: application/json' -d '{}' "$v/agreement"
  else
    psql_contract -c "update contract_version set status = 'AGREED', agreed_at = now(), agreed_by = 'region-benchmark', agreed_by_org = '$p' where contract_id = '$id' and version = 1"
  fi
  ids+=("$id")
done
echo "five contracts agreed"

for m in 1 2; do
  times=()
  for i in 0 1 2 3 4; do
    s="$contract/v1/contracts/${ids[$i]}/statements"
    c=$(curl -sf -D /tmp/contract-region-h.txt -o /tmp/contract-region-s.json -w '%{time_total}' -H "Authorization: Bearer $manager" \
      -H 'Content-Type: application/json' -d "{\"month\": $m}" "$s")
    etag=$(tr -d '\r' < /tmp/contract-region-h.txt | sed -n 's/^[Ee][Tt]ag: //p')
    t=$(curl -sf -o /tmp/contract-region-i.json -w '%{time_total}' -H "Authorization: Bearer $manager" -H "If-Match: $etag" -X POST "$s/$m/issue")
    summary=$(python3 -c 'import json; s=json.load(open("/tmp/contract-region-i.json")); print(s["providerCode"], s["status"], s["total"], "payable", s["units"]["payable"], "queried", s["units"]["queried"], "PV05", s["units"]["byRule"].get("PV05", 0))')
    echo "month $m, $summary: compute $c s + issue $t s"
    times+=("$(python3 -c "print($c + $t)")")
  done
  t0=$(date +%s.%N)
  psql_contract -v month="$m" -f "$here/region-anchor.sql" > /tmp/contract-region-anchor.txt
  a=$(python3 -c "import time; print(f'{time.time() - $t0:.3f}')")
  python3 - "$m" "${times[*]}" "$a" <<'PY'
import sys
t = [float(x) for x in sys.argv[2].split()]
a = float(sys.argv[3])
print(f"month {sys.argv[1]}: the region's five statements in {sum(t):.2f} s (max {max(t):.2f} s); plain SQL PV05 for the region {a:.3f} s; ratio {sum(t) / a:.1f}x")
PY
  grep -v '^$' /tmp/contract-region-anchor.txt | sed 's/^/  anchor: /'
done
