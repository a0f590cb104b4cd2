#!/usr/bin/env bash
# One commissioner's trust-year through contract-service, beside a plain-SQL anchor of the same
# validation: writes the caseload (trust-year.sql, default 50,000 people, about 125,000 episodes)
# into contract-service's database, drafts and agrees a contract over the API, then computes and
# issues the 12 monthly statements and the year end over HTTP, timing each, and times the anchor
# (anchor-month.sql) for each month in the same sitting. Needs a running stack without the demo
# trust (OPENPBR_DEMO_PATIENTS=0 ./openpbr run), psql, curl and python3. Usage:
#   tools/benchmarks/contract/run.sh [PEOPLE]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
people=${1:-50000}
. "$here/lib.sh"
manager=$(token contracts.15n)
finance=$(token finance.rx1)

start=$(date +%s.%N)
psql_contract -v people="$people" -f "$here/trust-year.sql"
echo "caseload written in $(python3 -c "import time; print(f'{time.time() - $start:.1f}')") s (setup, not measured against a target)"

reference="BENCH-$(date +%s)"
python3 - "$reference" > /tmp/contract-bench-draft.json <<'PY'
import json, sys
codes = ['0%d' % n for n in range(1, 9)] + [str(n) for n in range(10, 22)]
prices = [{"code": c, "price": 500 + int(c) * 100} for c in codes]
plan = [{"month": m, "code": c, "units": 520} for m in range(1, 13) for c in codes]
band = lambda f, s: {"fromPercent": f, "sharePercent": s}
print(json.dumps({"reference": sys.argv[1], "commissionerCode": "15N", "providerCode": "RX1", "financialYear": "2025-26",
    "scheme": "mh-care-clusters", "schemeVersions": ["2012-illustrative-2"],
    "terms": {"shadow": False, "fixed": {"annualAmount": 10000000.00},
        "activity": {"unit": "CLUSTER_EPISODE", "priceSource": "LOCAL", "mode": "ALL_UNITS", "localPrices": prices},
        "riskShare": {"over": [band(0, 0), band(2, 50), band(5, 100)], "under": [band(0, 0), band(2, 50)]},
        "quality": {"kind": "WITHHOLD", "ratePercent": 2, "settlement": "YEAR_END", "indicators": [
            {"measureId": "M%d" % i, "weight": 1, "target": 80, "floor": 60, "scale": "LINEAR", "direction": "HIGHER_IS_BETTER"}
            for i in range(1, 6)]}},
    "plan": plan}))
PY
id=$(curl -sf -H "Authorization: Bearer $manager" -H 'Content-Type: application/json' -d @/tmp/contract-bench-draft.json \
  "$contract/v1/contracts" | python3 -c 'import json,sys; print(json.load(sys.stdin)["contractId"])')
v="$contract/v1/contracts/$id/versions/1"
etag=$(curl -sf -D - -o /dev/null -H "Authorization: Bearer $manager" "$v" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
curl -sf -o /dev/null -H "Authorization: Bearer $manager" -H "If-Match: $etag" -H 'Content-Type: application/json' -d '{}' "$v/offer"
etag=$(curl -sf -D - -o /dev/null -H "Authorization: Bearer $finance" "$v" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
curl -sf -o /dev/null -H "Authorization: Bearer $finance" -H "If-Match: $etag" -H 'Content-Type: application/json' -d '{}' "$v/agreement"
echo "contract $reference ($id) agreed"

s="$contract/v1/contracts/$id/statements"
year_start=$(date +%s.%N)
service=() sql=()
for m in $(seq 1 13); do
  c=$(curl -sf -D /tmp/contract-bench-h.txt -o /tmp/contract-bench-s.json -w '%{time_total}' -H "Authorization: Bearer $manager" \
    -H 'Content-Type: application/json' -d "{\"month\": $m}" "$s")
  etag=$(tr -d '\r' < /tmp/contract-bench-h.txt | sed -n 's/^[Ee][Tt]ag: //p')
  i=$(curl -sf -o /tmp/contract-bench-i.json -w '%{time_total}' -H "Authorization: Bearer $manager" -H "If-Match: $etag" -X POST "$s/$m/issue")
  summary=$(python3 -c 'import json; s=json.load(open("/tmp/contract-bench-i.json")); print(s["status"], s["total"], s["units"]["payable"], s["units"]["queried"], s["units"]["rejected"])')
  a=""
  if [ "$m" -le 12 ]; then
    t0=$(date +%s.%N)
    psql_contract -v month="$m" -f "$here/anchor-month.sql" > /tmp/contract-bench-anchor.txt
    a=$(python3 -c "import time; print(f'{time.time() - $t0:.3f}')")
    sql+=("$a")
  fi
  echo "month $m: compute $c s + issue $i s ($summary); plain SQL validation $a s"
  service+=("$(python3 -c "print($c + $i)")")
done
year=$(python3 -c "import time; print(f'{time.time() - $year_start:.1f}')")
echo "year: 13 statements in $year s wall clock (anchor runs between them included)"
python3 - "${service[*]}" "${sql[*]}" <<'PY'
import statistics, sys
s = [float(x) for x in sys.argv[1].split()]
a = [float(x) for x in sys.argv[2].split()]
print(f"service per month (compute + issue): median {statistics.median(s[:12]):.2f} s, max {max(s[:12]):.2f} s, first {s[0]:.2f} s; year end {s[12]:.2f} s; sum {sum(s):.2f} s")
print(f"plain SQL per month: median {statistics.median(a):.3f} s, first {a[0]:.3f} s; ratio of medians {statistics.median(s[:12]) / statistics.median(a):.1f}x")
PY
