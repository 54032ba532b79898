#!/usr/bin/env bash
# Starts everything locally, with no external service:
#   * the sandbox: a local Certyo and an Odoo 17 simulator whose native webhooks point at the service;
#   * the service on its embedded store (SQLite under .tmp/run-local), with a tenant "demo".
# Batches seal and anchor within seconds (not Certyo's 60-90 s), so a demo takes seconds.
# Prints the URLs and a few curl lines; Ctrl-C stops both.
#
#   SANDBOX_PORT=5080 SERVICE_PORT=5000 bash scripts/run-local.sh      (defaults shown)
#   RESET=1 bash scripts/run-local.sh                                 (start from empty stores)
set -euo pipefail
cd "$(dirname "$0")/.."

sandbox_port=${SANDBOX_PORT:-5080}
service_port=${SERVICE_PORT:-5000}
secret=${WEBHOOK_SECRET:-local-demo-webhook-secret}
api_key=${API_KEY:-local-demo-api-key}
data=$(pwd)/.tmp/run-local
sandbox="http://127.0.0.1:$sandbox_port"
service="http://127.0.0.1:$service_port"

[ "${RESET:-0}" = "1" ] && rm -rf "$data"
mkdir -p "$data"

echo "Building..."
dotnet build src/CertyoOdoo.Sandbox -nologo -v q -clp:ErrorsOnly
dotnet build src/CertyoOdoo.Web -nologo -v q -clp:ErrorsOnly

pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "Stopping..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

dotnet run --no-build --project src/CertyoOdoo.Sandbox -- \
  --urls "$sandbox" \
  --Logging:LogLevel:Default=Warning \
  --Sandbox:DatabasePath="$data/certyo-sandbox.db" \
  --Sandbox:BatchWindow=00:00:05 \
  --Sandbox:AnchorDelay=00:00:05 \
  --Sandbox:Odoo:Version=17 \
  --Sandbox:Odoo:Webhooks:Style=Native \
  --Sandbox:Odoo:Webhooks:Url="$service/webhooks/odoo/demo?token=$secret" \
  > "$data/sandbox.log" 2>&1 &
pids+=($!)

dotnet run --no-build --project src/CertyoOdoo.Web -- \
  --urls "$service" \
  --Storage:Provider=sqlite \
  --Storage:SqlitePath="$data/ledger.db" \
  --Storage:HangfireSqlitePath="$data/hangfire.db" \
  --Tenants:demo:Odoo:Url="$sandbox" \
  --Tenants:demo:Odoo:Database=demo \
  --Tenants:demo:Odoo:Login=admin \
  --Tenants:demo:Odoo:ApiKey=admin \
  --Tenants:demo:Certyo:BaseUrl="$sandbox" \
  --Tenants:demo:Certyo:ApiKey=sandbox-key \
  --Tenants:demo:Certyo:TenantId=demo \
  --Tenants:demo:Webhook:Secret="$secret" \
  --Api:Keys:demo="$api_key" \
  --Jobs:SweepInterval=00:00:02 \
  --Jobs:SchedulePollingInterval=00:00:02 \
  --Jobs:VerifyFirstDelay=00:00:05 \
  --Jobs:VerifyMaxDelay=00:00:10 \
  --Jobs:NotDoneRetryDelay=00:00:02 \
  --Jobs:ReconcileInterval=00:00:30 \
  > "$data/service.log" 2>&1 &
pids+=($!)

wait_for() {
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "$2 did not start; see $data/$3" >&2
  tail -n 20 "$data/$3" >&2
  exit 1
}
wait_for "$sandbox/sandbox/odoo/stats" "The sandbox" sandbox.log
wait_for "$service/health/live" "The service" service.log

cat <<TXT

  Service            $service            (logs: $data/service.log)
    Swagger          $service/swagger
    Hangfire         $service/hangfire      (local requests only)
    API key          X-Api-Key: $api_key
  Sandbox            $sandbox            (logs: $data/sandbox.log)
    Swagger          $sandbox/swagger    (Certyo /api/v1, Odoo simulator, /sandbox helpers)

  Try it: find a picking that is ready, validate it, watch it reach "anchored" (about 15 s):

    curl -s -X POST $sandbox/jsonrpc -H 'Content-Type: application/json' \\
      -d '{"jsonrpc":"2.0","method":"call","id":1,"params":{"service":"object","method":"execute_kw",
           "args":["demo",2,"admin","stock.picking","search",[[["state","=","assigned"]]]]}}'
    curl -s -X POST $sandbox/sandbox/odoo/pickings/ID/validate
    curl -s -H 'X-Api-Key: $api_key' $service/api/tenants/demo/records/stock.picking/ID
    curl -s $sandbox/sandbox/odoo/records/stock.picking/ID | grep -o '"x_certyo[^,]*'

  Ctrl-C stops both.
TXT
wait
