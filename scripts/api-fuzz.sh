#!/usr/bin/env bash
# Bounded schemathesis run against a throwaway server: Neo4j (the launcher, in a temporary directory) and the server
# jar with the embedded in-memory ledger, both on 127.0.0.1 and free ports. Schemathesis runs three times, as an
# admin, as a member and anonymously, with a bounded number of examples per operation and a time bound per run.
# Passes only with 0 server errors (5xx) and 0 responses that break the OpenAPI document. Stops what it started, by pid.
#   scripts/api-fuzz.sh                 (needs `make build` first; installs schemathesis with pip if missing)
# Environment: POX_FUZZ_EXAMPLES (per operation, default 25), POX_FUZZ_SECONDS (per run, default 45),
#              POX_FUZZ_KEEP=1 (keep the temporary directory with the logs)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(scripts/jdk.sh)
export JAVA_HOME PATH=$JAVA_HOME/bin:$PATH
EXAMPLES=${POX_FUZZ_EXAMPLES:-25}
SECONDS_PER_RUN=${POX_FUZZ_SECONDS:-45}
SCHEMATHESIS_VERSION=4.32.5

work=$(mktemp -d /tmp/pox-fuzz.XXXXXX)
pids=()
cleanup() {
    trap - INT TERM EXIT
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    done
    if [[ ${POX_FUZZ_KEEP:-0} == 1 ]]; then echo "logs kept in $work"; else rm -rf "$work"; fi
}
trap cleanup INT TERM EXIT

# shellcheck source=lib-server.sh
source scripts/lib-server.sh

if ! command -v schemathesis > /dev/null 2>&1 && ! python3 -m schemathesis.cli --version > /dev/null 2>&1; then
    echo "== installing schemathesis $SCHEMATHESIS_VERSION"
    python3 -m pip install -q "schemathesis==$SCHEMATHESIS_VERSION"
fi
st=(schemathesis)
command -v schemathesis > /dev/null 2>&1 || st=(python3 -m schemathesis.cli)

jar=$(ls platform-server/target/platform-server-*-exec.jar 2>/dev/null | head -1)
[[ -n $jar ]] || { echo "server jar missing: run 'make build'" >&2; exit 1; }
[[ -s neo4j-launcher/target/classpath.txt ]] || { echo "neo4j-launcher not built: run 'make build'" >&2; exit 1; }

bolt=$(free_port)
POX_NEO4J_BOLT_PORT=$bolt POX_NEO4J_DATA=$work/neo4j POX_NEO4J_JAVA_OPTS="-Xms128m -Xmx768m" \
    neo4j-launcher/run.sh > "$work/neo4j.log" 2>&1 &
pids+=($!)
await_line "$work/neo4j.log" "Neo4j ready at" "${pids[-1]}" 120

port=$(free_port)
base=http://127.0.0.1:$port
admin_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
POX_NEO4J_URI=bolt://127.0.0.1:$bolt POX_PORT=$port POX_LEDGER_MODE=embedded POX_EMBEDDED_JOURNAL='' \
    POX_ACCOUNT_HASH_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '/+=') \
    POX_ADMIN_USERNAME=fuzzadmin POX_ADMIN_PASSWORD=$admin_password POX_PUBLIC_BASE_URL=$base \
    java -Xmx768m -jar "$jar" > "$work/server.log" 2>&1 &
pids+=($!)
server_pid=${pids[-1]}
await_line "$work/server.log" "Started PoxPlatformApplication" "$server_pid" 180

# the configured admin is created right after start-up: wait until it can sign in
for _ in $(seq 1 60); do
    curl -fs -o /dev/null -H 'Content-Type: application/json' \
        -d "{\"username\":\"fuzzadmin\",\"password\":\"$admin_password\"}" "$base/api/v1/auth/token" && break
    sleep 1
done

# a genesis member to act as; its password meets the password policy
member_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
curl -fsS -u "fuzzadmin:$admin_password" -H 'Content-Type: application/json' -o /dev/null \
    -d "{\"network\":\"email\",\"handle\":\"fuzz@example.org\",\"displayName\":\"Fuzz\",\"username\":\"fuzzmember\",\"password\":\"$member_password\"}" \
    "$base/api/v1/admin/members/genesis"
failed=0
run_as() { # name [header]
    local name=$1; shift
    echo "== schemathesis as $name ($EXAMPLES examples per operation, at most $SECONDS_PER_RUN s)"
    local rc=0
    SCHEMATHESIS_HOOKS=api_fuzz_checks PYTHONPATH=scripts${PYTHONPATH:+:$PYTHONPATH} \
        timeout --signal=INT "$((SECONDS_PER_RUN + 30))" "${st[@]}" --no-color run "$base/v3/api-docs" \
        --checks not_a_server_error,content_type_conformance,response_schema_conformance,problem_details_with_code \
        --max-examples "$EXAMPLES" --max-failures 100 --seed 10 --workers 1 --max-time "$SECONDS_PER_RUN" \
        --phases examples,coverage,fuzzing --request-timeout 10 "$@" > "$work/schemathesis-$name.log" 2>&1 || rc=$?
    tail -25 "$work/schemathesis-$name.log"
    if (( rc != 0 )); then failed=1; echo "schemathesis as $name failed (exit $rc)"; fi
}
# both tokens first: the anonymous and admin runs guess passwords, which throttles this address
admin_token=$(token_of "$base" fuzzadmin "$admin_password")
member_token=$(token_of "$base" fuzzmember "$member_password")
run_as admin -H "Authorization: Bearer $admin_token"
run_as member -H "Authorization: Bearer $member_token"
run_as anonymous

traces=$(grep -c "^\s*at " "$work/server.log" || true)
errors=$(grep -c " ERROR " "$work/server.log" || true)
echo "server log: $errors ERROR lines, $traces stack-trace lines"
if (( failed )); then
    POX_FUZZ_KEEP=1
    grep " ERROR " "$work/server.log" | head -20 || true
    echo "api-fuzz: FAILED" >&2
    exit 1
fi
echo "api-fuzz: 0 server errors, 0 schema violations"
