#!/usr/bin/env bash
# Transfer latency through the REST API on the real local Fabric network (issue 7: api_transfer_p50_ms_fabric).
# Starts a throwaway Neo4j and the server jar on free 127.0.0.1 ports, on a fresh channel of the running network;
# funds a member through a real reward cycle (a genesis member invites one acquaintance, the admin closes and pays the
# cycle); then the member pays 1 unit to the acquaintance N times in a row with a bearer token over one keep-alive
# connection, as an API client would. Merges p50/p99 into bench/results/latest.json. Stops what it started, by pid.
#   scripts/bench-api.sh        (needs `make build` and `make network-up`; POX_BENCH_API_TRANSFERS, default 200)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(scripts/jdk.sh)
export JAVA_HOME PATH=$JAVA_HOME/bin:$PATH
# shellcheck source=lib-server.sh
source scripts/lib-server.sh
TRANSFERS=${POX_BENCH_API_TRANSFERS:-200}

network-config/network.sh status --quiet || { echo "the local Fabric network is not running: make network-up" >&2; exit 1; }
jar=$(ls platform-server/target/platform-server-*-exec.jar 2>/dev/null | head -1)
[[ -n $jar ]] || { echo "server jar missing: run 'make build'" >&2; exit 1; }

work=$(mktemp -d /tmp/pox-bench-api.XXXXXX)
pids=()
trap stop_started INT TERM EXIT

channel="bench-api-$(random_secret 6 | tr '[:upper:]' '[:lower:]' | tr -dc 'a-z0-9')"
POX_CHAINCODE_BUILD=0 network-config/network.sh channel "$channel" > "$work/channel.log" 2>&1 ||
    { cat "$work/channel.log"; exit 1; }
# shellcheck source=../network-config/client-env.sh
source network-config/client-env.sh
export POX_FABRIC_CHANNEL=$channel

bolt=$(free_port)
POX_NEO4J_BOLT_PORT=$bolt POX_NEO4J_DATA=$work/neo4j POX_NEO4J_JAVA_OPTS="-Xms128m -Xmx768m" \
    neo4j-launcher/run.sh > "$work/neo4j.log" 2>&1 &
pids+=($!)
await_line "$work/neo4j.log" "Neo4j ready at" "${pids[-1]}" 120

port=$(free_port)
base=http://127.0.0.1:$port
admin_password=$(random_secret)
POX_NEO4J_URI=bolt://127.0.0.1:$bolt POX_PORT=$port POX_LEDGER_MODE=fabric \
    POX_ACCOUNT_HASH_SECRET=$(random_secret 48) POX_BROKER_KEY_FILE=$work/broker.key \
    POX_ADMIN_USERNAME=benchadmin POX_ADMIN_PASSWORD=$admin_password POX_PUBLIC_BASE_URL=$base \
    java -Xmx768m -jar "$jar" > "$work/server.log" 2>&1 &
pids+=($!)
await_line "$work/server.log" "Started PoxPlatformApplication" "${pids[-1]}" 180

for _ in $(seq 1 60); do
    admin_token=$(token_of "$base" benchadmin "$admin_password" 2> /dev/null) && break
    sleep 1
done
password=$(random_secret)
BASE=$base ADMIN_TOKEN=$admin_token PASSWORD=$password TRANSFERS=$TRANSFERS python3 - > "$work/figures" <<'PY'
import http.client, json, os, statistics, time, urllib.parse

base = urllib.parse.urlparse(os.environ["BASE"])
conn = http.client.HTTPConnection(base.hostname, base.port, timeout=60)

def call(method, path, body=None, token=None, expect=(200, 201)):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    conn.request(method, path, json.dumps(body) if body is not None else None, headers)
    response = conn.getresponse()
    data = response.read()
    if response.status not in expect:
        raise SystemExit(f"{method} {path}: {response.status} {data[:300]!r}")
    return json.loads(data) if data else {}

admin, password = os.environ["ADMIN_TOKEN"], os.environ["PASSWORD"]
call("POST", "/api/v1/admin/members/genesis", {"network": "email", "handle": "payer@bench.example",
     "displayName": "Payer", "username": "payer", "password": password}, admin)
payer = call("POST", "/api/v1/auth/token", {"username": "payer", "password": password})["accessToken"]
code = call("POST", "/api/v1/me/invitations", {"network": "email", "handle": "payee@bench.example"}, payer)["code"]
payee_id = call("POST", f"/api/v1/invitations/{code}/accept",
                {"username": "payee", "password": password, "displayName": "Payee"})["memberId"]
cycle = call("POST", "/api/v1/admin/cycles", {}, admin)["cycleId"]
deadline = time.time() + 120
while call("GET", f"/api/v1/admin/cycles/{cycle}/progress", token=admin).get("chunksPending", 1) > 0:
    if time.time() > deadline:
        raise SystemExit("the reward cycle was not paid within 120 s")
    time.sleep(0.5)

times = []
for i in range(int(os.environ["TRANSFERS"])):
    started = time.perf_counter()
    conn.request("POST", "/api/v1/me/wallet/transfers", json.dumps({"toMemberId": payee_id, "amount": 1}),
                 {"Content-Type": "application/json", "Authorization": "Bearer " + payer,
                  "Idempotency-Key": f"bench-{i}"})
    response = conn.getresponse()
    response.read()
    times.append((time.perf_counter() - started) * 1000)
    if response.status != 201:
        raise SystemExit(f"transfer {i}: {response.status}")
times.sort()
p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
print(f"api_transfer_p50_ms_fabric={statistics.median(times):.2f} api_transfer_p99_ms_fabric={p99:.2f}")
PY
read -r -a figures < "$work/figures"
echo "API transfers on Fabric ($TRANSFERS sequential, bearer token): ${figures[*]}"
java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.poxledger.bench.BenchResults \
    bench/results/latest.json "$(git rev-parse HEAD 2> /dev/null || echo unknown)" "${figures[@]}"
