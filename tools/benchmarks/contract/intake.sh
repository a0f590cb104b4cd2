#!/usr/bin/env bash
# Feed intake over HTTP at trust-year scale (issue 14): writes the trust-year caseload into
# clustering-service's database (intake-clustering.sql, default 50,000 people, about 125,000
# episodes and allocations), then has contract-service pull clustering's change feed
# (POST /v1/caseload/sync, pages of 1,000 changes) until it is caught up, timing each pull. Needs a
# running stack without the demo trust (OPENPBR_DEMO_PATIENTS=0 ./openpbr run), psql, curl and
# python3. Run it once per fresh stack: clustering's records are append-only, so the same people
# cannot be written twice. Usage: tools/benchmarks/contract/intake.sh [PEOPLE]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
people=${1:-50000}
. "$here/lib.sh"
manager=$(token contracts.15n)
start=$(date +%s.%N)
psql -q -h localhost -p 15432 -U openpbr -d clustering -v people="$people" -f "$here/intake-clustering.sql"
echo "clustering caseload written in $(python3 -c "import time; print(f'{time.time() - $start:.1f}')") s (setup, not measured against a target)"
before=$(psql_contract -tA -c "select count(*) from fed_episode")
total=0
for i in $(seq 1 20); do
  t=$(curl -sf -o /tmp/contract-intake.json -w '%{time_total}' -H "Authorization: Bearer $manager" -X POST "$contract/v1/caseload/sync")
  total=$(python3 -c "print($total + $t)")
  summary=$(python3 -c 'import json; s=json.load(open("/tmp/contract-intake.json")); print(s.get("changesRead"), "changes,", s.get("episodesStored"), "episodes,", s.get("allocationsStored"), "allocations, caught up:", s.get("caughtUp"))')
  echo "pull $i: $t s ($summary)"
  case "$summary" in *"caught up: True"*) break ;; esac
done
after=$(psql_contract -tA -c "select count(*) from fed_episode")
python3 -c "print(f'feed intake: {$after - $before} episodes stored in {$total:.1f} s over HTTP ({($after - $before) / $total:.0f} episodes a second, allocations besides)')"
# The stack's scheduled pull (every 60 s) may take the pages before the sync does; the rows' receipt
# times give the intake's own span either way.
psql_contract -tA -c "select 'first page to last stored: ' || round(extract(epoch from max(received_at) - min(received_at))::numeric, 1) || ' s'
                        from (select received_at from fed_episode where local_id like 'RX1-I%'
                              union all select received_at from fed_allocation where local_id like 'RX1-I%') r"
