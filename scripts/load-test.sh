#!/usr/bin/env bash
# Bounded load test of redress-server on loopback: wrk (Debian) with 8 connections for 20 s, one
# complaint per request, on the same 2 cores as the server (release build). Halfway through, a
# council's policy is rewritten so a hot reload happens under load; any non-2xx response fails.
# Prints throughput, latency percentiles and the server's memory (RSS) at start, middle and end.
#   scripts/load-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product redress-server >/dev/null
library=$(mktemp -d)
cp -r policies/. "$library"
port=18766
.build/release/redress-server --library "$library" --port "$port" --reload-interval 1 > /tmp/redress-load-server.log 2>&1 &
server=$!
trap 'kill "$server"; rm -rf "$library"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
rss() { echo "$(( $(ps -o rss= -p "$server") / 1024 )) MB"; }
echo "RSS at start: $(rss)"
wrk -t2 -c8 -d20s --latency -s scripts/load-test.lua "http://127.0.0.1:$port/v1/councils/north-somerset/classify" > /tmp/redress-load.txt &
load=$!
sleep 10
echo "RSS at 10 s: $(rss)"
# A hot reload under load: the same policy with a comment added (a new digest).
echo "# reloaded under load" >> "$library/councils/north-somerset/2021-01.yaml"
wait "$load"
echo "RSS at end: $(rss)"
cat /tmp/redress-load.txt
grep -q "reloaded council" /tmp/redress-load-server.log && echo "hot reload under load: north-somerset reloaded" || { echo "FAIL: no reload"; exit 1; }
if grep -q "Non-2xx" /tmp/redress-load.txt; then echo "FAIL: non-2xx responses"; exit 1; fi
