#!/usr/bin/env bash
# Two builds of the service against each other, in alternation: how BENCHMARKS.md measures a
# change to the request path or a store. Each build is a copy of `RedressBenchmarks` (build a
# commit with `swift build -c release --product RedressBenchmarks` and copy
# `.build/release/RedressBenchmarks` aside). Every round runs BEFORE, then AFTER, each for
# --seconds under `wrk -t2 -c8` with one complaint a request (scripts/service-load.lua), and prints
# requests/s and the server's CPU (user + system, every thread, from /proc) a request; then the
# means and the ratio AFTER / BEFORE. The server arguments default to no store and an API key;
# a SQLite store gets a new, empty file for every run, and a PostgreSQL store (`--store
# postgres://…`, naming a role that may create databases) a new, empty database
# `redress_compare`, dropped at the end.
#   scripts/service-compare.sh BEFORE AFTER [--rounds N] [--seconds N] [--store none|sqlite|postgres://…]
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { sed -n '2,10p' "$0" >&2; exit 2; }
before=$1 after=$2
shift 2
rounds=4 seconds=8 store=none
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds=$2; shift 2 ;;
        --seconds) seconds=$2; shift 2 ;;
        --store) store=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 2; }
database=""
case "$store" in
    none | sqlite) ;;
    postgres://* | postgresql://*)
        command -v psql >/dev/null || { echo "needs psql for a PostgreSQL store" >&2; exit 2; }
        database=$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(p._replace(path="/redress_compare").geturl())' "$store") ;;
    *) echo "--store takes none, sqlite or a postgres:// URL, not $store" >&2; exit 2 ;;
esac
work=$(mktemp -d)
server=""
fresh_database() { PGOPTIONS=--client-min-messages=warning psql -X -q "$store" -c "DROP DATABASE IF EXISTS redress_compare WITH (FORCE)" ${1:+-c "CREATE DATABASE redress_compare"}; }
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; [ -n "$database" ] && fresh_database; rm -rf "$work"' EXIT
port=18941
echo '{"id":"LOAD-1","received":"2024-12-20T10:15:00","service":"highways","channel":"web","text":"Pothole on Elm Road not repaired"}' > "$work/single.json"
hertz=$(getconf CLK_TCK)

one() {  # one BINARY → "requests/s µs-of-server-CPU-a-request"
    local arguments=(serve --auth key --port "$port" --store none)
    if [ "$store" = sqlite ]; then rm -f "$work"/records.sqlite*; arguments=(serve --auth key --port "$port" --store "sqlite:$work/records.sqlite"); fi
    if [ -n "$database" ]; then fresh_database create; arguments=(serve --auth key --port "$port" --store "$database"); fi
    "$1" "${arguments[@]}" > "$work/server.log" 2>&1 &
    server=$!
    for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.1; done
    local t0 t1
    t0=$(awk '{print $14 + $15}' "/proc/$server/stat")
    REDRESS_BODY_FILE="$work/single.json" REDRESS_CREDENTIAL=rdk_benchmark_key wrk -t2 -c8 -d"${seconds}s" -s scripts/service-load.lua \
        "http://127.0.0.1:$port/v1/councils/north-somerset/classify" > "$work/wrk.txt"
    t1=$(awk '{print $14 + $15}' "/proc/$server/stat")
    kill "$server"; wait "$server" 2>/dev/null || true; server=""
    if grep -q "Non-2xx" "$work/wrk.txt"; then echo "non-2xx answers: $(cat "$work/wrk.txt")" >&2; exit 1; fi
    awk -v ticks=$((t1 - t0)) -v hz="$hertz" -v s="$seconds" '/Requests\/sec/ {printf "%.0f %.1f\n", $2, ticks / hz / ($2 * s) * 1e6}' "$work/wrk.txt"
}

echo "round  before: requests/s, µs a request  |  after: requests/s, µs a request"
for round in $(seq "$rounds"); do
    a=$(one "$before"); b=$(one "$after")
    echo "$round  $a  |  $b"
    echo "$a $b" >> "$work/rounds"
done
awk '{ra += $1; ca += $2; rb += $3; cb += $4; n++}
    END {printf "mean  before %.0f requests/s, %.1f µs  |  after %.0f requests/s, %.1f µs  |  after / before: requests/s %.3f, CPU %.3f\n",
        ra / n, ca / n, rb / n, cb / n, rb / ra, cb / ca}' "$work/rounds"
