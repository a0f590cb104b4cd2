# Shared by the contract benchmarks: where the stack listens, psql on contract-service's database,
# and a token for a local demo user. Sourced, not run.
contract=${OPENPBR_CONTRACT_URL:-http://localhost:8083}
keycloak=${OPENPBR_KEYCLOAK_URL:-http://localhost:8180}
export PGPASSWORD=${PGPASSWORD:-openpbr}
psql_contract() { psql -q -h localhost -p 15432 -U openpbr -d contract "$@"; }
token() {
  curl -sf -d grant_type=password -d client_id=openpbr-cli -d username="$1" -d password="${OPENPBR_DEMO_PASSWORD:-openpbr-demo}" \
    "$keycloak/realms/openpbr/protocol/openid-connect/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
