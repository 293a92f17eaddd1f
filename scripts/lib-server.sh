# shellcheck shell=bash
# Helpers for scripts that start a throwaway Neo4j and server on 127.0.0.1 (api-fuzz.sh, bench-api.sh,
# bench-payments.sh). Sourced;
# the caller keeps the pids it starts in the array `pids` and stops them by pid on exit.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

await_line() { # await_line <file> <pattern> <pid> <seconds>: until the process logs the pattern, or fail
    for _ in $(seq 1 "$4"); do
        grep -q "$2" "$1" 2>/dev/null && return 0
        kill -0 "$3" 2>/dev/null || { tail -50 "$1"; echo "process $3 exited before '$2'" >&2; exit 1; }
        sleep 1
    done
    tail -50 "$1"; echo "no '$2' in $1 after $4 s" >&2; exit 1
}

# shellcheck disable=SC2154 # $work and $pids belong to the caller (see the header)
stop_started() { # the exit trap of a caller with a temp folder $work: stops every pid in $pids, deletes $work
    trap - INT TERM EXIT
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}

random_secret() { head -c "${1:-18}" /dev/urandom | base64 | tr -d '/+='; }

token_of() { # token_of <base url> <username> <password>: a bearer token
    curl -fsS -H 'Content-Type: application/json' -d "{\"username\":\"$2\",\"password\":\"$3\"}" \
        "$1/api/v1/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
}
