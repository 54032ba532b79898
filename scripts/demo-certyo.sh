#!/usr/bin/env bash
# Demo against a running Certyo sandbox (this script starts nothing):
#   dotnet run --project src/CertyoOdoo.Sandbox -- --urls http://127.0.0.1:5080 --Sandbox:BatchWindow=00:00:02 --Sandbox:AnchorDelay=00:00:02
#   scripts/demo-certyo.sh [URL] [TIMEOUT_SECONDS]
# Posts one record with curl, checks its recordHash against an independent JCS + SHA-256 (python3, stdlib only),
# polls verify until the batch window and anchor delay have passed, and checks the RFC 6962 proof independently.
set -euo pipefail
url="${1:-${CERTYO_URL:-http://127.0.0.1:5080}}"
url="${url%/}"
timeout="${2:-180}"
key="${CERTYO_API_KEY:-sandbox-key}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

suffix="$(date +%s)-$$"
record_id="WH/OUT/DEMO-$suffix"
cat > "$work/record.json" <<JSON
{
  "tenantId": "demo-tenant",
  "database": "odoo",
  "collection": "stock.picking",
  "recordId": "$record_id",
  "recordVersion": "1",
  "operationType": "upsert",
  "sourceTimestamp": "2026-12-03T10:15:00Z",
  "idempotencyKey": "$record_id-v1",
  "recordPayload": {
    "name": "$record_id",
    "state": "done",
    "partner_id": [14, "Azure Interior"],
    "scheduled_date": "2026-12-03 10:00:00",
    "move_ids": [{"product": "FURN_7800", "qty": 3}, {"product": "FURN_0269", "qty": 1.5}],
    "note": "Délivré à l'entrepôt \"Nord\"",
    "priority": null
  }
}
JSON

# Neighbours in the same batch, so the proof has real hashes in it (one record alone is its own root).
neighbours() {
  python3 - "$1" "$2" "$suffix" <<'PY'
import json, sys
start, count, suffix = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
print(json.dumps([{"tenantId": "demo-tenant", "database": "odoo", "collection": "stock.picking",
                   "recordId": f"WH/OUT/N{i}-{suffix}", "idempotencyKey": f"WH/OUT/N{i}-{suffix}-v1",
                   "recordPayload": {"state": "done", "n": i}} for i in range(start, start + count)]))
PY
}
post_neighbours() {
  local code
  code=$(neighbours "$1" "$2" | curl -sS -o /dev/null -w '%{http_code}' -X POST "$url/api/v1/records/bulk" \
    -H "X-API-Key: $key" -H 'Content-Type: application/json' --data-binary @-)
  echo "  bulk of $2 neighbour records: HTTP $code"
}

echo "0. neighbours before"
post_neighbours 0 5

echo "1. POST $url/api/v1/records ($record_id)"
status=$(curl -sS -o "$work/answer.json" -w '%{http_code}' -X POST "$url/api/v1/records" \
  -H "X-API-Key: $key" -H 'Content-Type: application/json' --data-binary @"$work/record.json")
echo "  HTTP $status: $(cat "$work/answer.json")"
[ "$status" = 202 ] || { echo "expected 202"; exit 1; }

post_neighbours 5 3

echo "2. recordHash against an independent JCS + SHA-256"
python3 "$here/demo_certyo_check.py" hash "$work/record.json" "$work/answer.json"

echo "3. POST $url/api/v1/verify/record until verified (batch window + anchor delay; timeout ${timeout}s)"
body=$(printf '{"tenantId":"demo-tenant","database":"odoo","collection":"stock.picking","recordId":"%s"}' "$record_id")
deadline=$(( $(date +%s) + timeout ))
last=""
while :; do
  curl -sS -o "$work/verify.json" -X POST "$url/api/v1/verify/record" -H "X-API-Key: $key" -H 'Content-Type: application/json' -d "$body"
  state=$(python3 -c 'import json,sys; v=json.load(open(sys.argv[1])); print(v.get("status"), v.get("verified"))' "$work/verify.json")
  if [ "$state" != "$last" ]; then echo "  $(date +%T) status=${state% *} verified=${state#* }"; last="$state"; fi
  [ "${state#* }" = True ] && break
  [ "$(date +%s)" -lt "$deadline" ] || { echo "not verified within ${timeout}s"; exit 1; }
  sleep 1
done
echo "  $(cat "$work/verify.json")"

echo "4. RFC 6962 proof against an independent implementation"
python3 "$here/demo_certyo_check.py" proof "$work/record.json" "$work/verify.json"
echo "demo passed"
