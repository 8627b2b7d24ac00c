#!/usr/bin/env bash
# The service under load, every figure a ratio to a baseline run in alternation in the same script
# (BENCHMARKS.md, "The service"). wrk (Debian) on loopback, 2 threads and 8 connections, on the same
# cores as the server; release builds. Sections (default: all):
#   stores    decisions/s with no store, SQLite and PostgreSQL, single complaints and arrays of 100,
#             and the server's CPU (user + system, all threads, from /proc) per decision answered
#   auth      decisions/s with no credential check, an API key and a JWT (no store)
#   councils  p50, p99 and decisions/s with 8 councils and with 400
#   hello     the service against a Hummingbird hello-world answering a fixed body of the same size
# Needs: wrk; for `stores`, REDRESS_BENCH_POSTGRES=postgres://… naming a role that may create
# databases (skipped without it): each store variant's rounds write into a new, empty database of
# their own, dropped at the end, so that no run measures the records of the runs before it.
#   scripts/service-speed.sh [section…] [--seconds N] [--rounds N]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=10
rounds=3
sections=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds=$2; shift 2 ;;
        --rounds) rounds=$2; shift 2 ;;
        *) sections+=("$1"); shift ;;
    esac
done
[ ${#sections[@]} -eq 0 ] && sections=(stores auth councils hello)
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 2; }
swift build -c release --product RedressBenchmarks >/dev/null
bench="$(swift build -c release --show-bin-path)/RedressBenchmarks"
work=$(mktemp -d)
server=""
bench_database=""
drop_database() { [ -n "$bench_database" ] && psql -X -q "$REDRESS_BENCH_POSTGRES" -c "DROP DATABASE IF EXISTS $bench_database WITH (FORCE)"; bench_database=""; }
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; drop_database; rm -rf "$work"' EXIT
port=18901

single='{"id":"LOAD-1","received":"2024-12-20T10:15:00","service":"highways","channel":"web","text":"Pothole on Elm Road not repaired"}'
echo "$single" > "$work/single.json"
python3 -c "import json,sys; print(json.dumps([json.loads(sys.argv[1]) | {'id': f'LOAD-{i}'} for i in range(100)]))" "$single" > "$work/array.json"

start() {  # start MODE ARGS…: a server on $port, waiting until it answers
    "$bench" "$@" --port "$port" > "$work/server.log" 2>&1 &
    server=$!
    for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && return; sleep 0.1; done
    curl -s -o /dev/null -X POST "http://127.0.0.1:$port/v1/councils/north-somerset/classify" && return
    echo "server did not start: $(cat "$work/server.log")" >&2; exit 1
}
stop() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }

load() {  # load BODY CREDENTIAL COUNCIL → "requests/s p50_ms p99_ms"
    REDRESS_BODY_FILE="$work/$1.json" REDRESS_CREDENTIAL="$2" wrk -t2 -c8 -d"${seconds}s" --latency -s scripts/service-load.lua \
        "http://127.0.0.1:$port/v1/councils/$3/classify" > "$work/wrk.txt"
    if grep -q "Non-2xx" "$work/wrk.txt"; then echo "non-2xx answers: $(cat "$work/wrk.txt")" >&2; exit 1; fi
    awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {print rps, p50, p99}' "$work/wrk.txt"
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }  # the server's user + system time so far, in clock ticks
ms() { case "$1" in *us) echo "${1%us}" | awk '{print $1/1000}' ;; *ms) echo "${1%ms}" ;; *s) echo "${1%s}" | awk '{print $1*1000}' ;; esac; }

run_variants() {  # run_variants BODY COUNCIL ITEMS name:args… — each variant once per round, in turn
    local body=$1 council=$2 items=$3; shift 3
    for variant in "$@"; do echo "0" > "$work/sum-${variant%%:*}"; done
    for round in $(seq "$rounds"); do
        for variant in "$@"; do
            local name=${variant%%:*} args=${variant#*:} credential=$ServiceKey
            # shellcheck disable=SC2086
            start serve $args
            [[ "$args" == *"--auth jwt"* ]] && credential=$(cat "$work/token")
            [[ "$args" == *"--auth none"* ]] && credential=""
            local ticks_before ticks_after
            ticks_before=$(cpu_ticks)
            read -r rps p50 p99 < <(load "$body" "$credential" "$council")
            ticks_after=$(cpu_ticks)
            stop
            # The server's CPU (user + system, all its threads) per decision answered.
            local cpu
            cpu=$(awk -v t=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" -v r="$rps" -v n="$items" -v s="$seconds" \
                'BEGIN {printf "%.2f", t / hz / (r * n * s) * 1e6}')
            echo "  round $round $name: $(awk -v r="$rps" -v n="$items" 'BEGIN {printf "%.0f", r*n}') decisions/s, p50 $(ms "$p50") ms, p99 $(ms "$p99") ms, server CPU $cpu µs a decision"
            echo "$rps $(ms "$p50") $(ms "$p99") $cpu" >> "$work/runs-$name"
        done
    done
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
figure() { awk -v c="$2" '{print $c}' "$work/runs-$1" | median; }  # figure NAME COLUMN: the median over rounds
ServiceKey=rdk_benchmark_key

for section in "${sections[@]}"; do
    rm -f "$work"/runs-*
    case "$section" in
    stores)
        echo "## Records stores (median of $rounds rounds, ${seconds} s each, alternated)"
        postgres=()
        for body in single array; do
            items=1; [ "$body" = array ] && items=100
            rm -f "$work"/runs-*
            rm -f "$work/records.sqlite"*
            if [ -n "${REDRESS_BENCH_POSTGRES:-}" ]; then
                drop_database
                bench_database="redress_bench_$$"
                psql -X -q "$REDRESS_BENCH_POSTGRES" -c "CREATE DATABASE $bench_database"
                postgres=("postgres:--store $(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(p._replace(path="/" + sys.argv[2]).geturl())' "$REDRESS_BENCH_POSTGRES" "$bench_database") --auth key")
            fi
            run_variants "$body" north-somerset "$items" "none:--store none --auth key" "sqlite:--store sqlite:$work/records.sqlite --auth key" "${postgres[@]}"
            base=$(figure none 1)
            for name in none sqlite postgres; do
                [ -f "$work/runs-$name" ] || continue
                rps=$(figure "$name" 1)
                echo "$body ($items per request) $name: $(awk -v r="$rps" -v n="$items" 'BEGIN {printf "%.0f", r*n}') decisions/s, ratio to no store $(awk -v a="$rps" -v b="$base" 'BEGIN {printf "%.2f", a/b}'), server CPU $(figure "$name" 4) µs a decision"
            done
        done
        ;;
    auth)
        echo "## Authentication (no store; median of $rounds rounds)"
        run_variants single north-somerset 1 "none:--store none --auth none" "key:--store none --auth key" "jwt:--store none --auth jwt --token-file $work/token"
        base=$(figure none 1)
        for name in none key jwt; do
            rps=$(figure "$name" 1)
            echo "$name: $(printf %.0f "$rps") decisions/s, p99 $(figure "$name" 3) ms, ratio to no credential check $(awk -v a="$rps" -v b="$base" 'BEGIN {printf "%.2f", a/b}')"
        done
        ;;
    councils)
        echo "## Library size (no store, API key; median of $rounds rounds)"
        large="$work/large"
        mkdir -p "$large" && cp -r policies/. "$large"
        for i in $(seq 1 49); do
            for council in policies/councils/*; do
                id=$(basename "$council")
                mkdir -p "$large/councils/$id-$i"
                for file in "$council"/*.yaml; do sed "s/^council: { id: $id,/council: { id: $id-$i,/; s/^  id: $id$/  id: $id-$i/" "$file" > "$large/councils/$id-$i/$(basename "$file")"; done
            done
        done
        echo "  $(ls "$large/councils" | wc -l) councils in the large library"
        run_variants single north-somerset 1 "eight:--store none --auth key --library policies" "many:--store none --auth key --library $large"
        for name in eight many; do
            echo "$name councils: $(printf %.0f "$(figure "$name" 1)") decisions/s, p50 $(figure "$name" 2) ms, p99 $(figure "$name" 3) ms"
        done
        echo "p99 ratio (400 / 8): $(awk -v a="$(figure many 3)" -v b="$(figure eight 3)" 'BEGIN {printf "%.2f", a/b}')"
        ;;
    hello)
        echo "## Against a Hummingbird hello-world (median of $rounds rounds)"
        # The hello-world answers a fixed body as long as the service's real answer to the same request.
        start serve --store none --auth key
        bytes=$(curl -s -X POST -H "Authorization: Bearer $ServiceKey" -H "Content-Type: application/json" --data-binary @"$work/single.json" \
            "http://127.0.0.1:$port/v1/councils/north-somerset/classify" | wc -c)
        stop
        echo "  the service's answer: $bytes bytes"
        for round in $(seq "$rounds"); do
            start serve --store none --auth key
            read -r rps _ p99 < <(load single "$ServiceKey" north-somerset)
            stop
            echo "$rps 0 $(ms "$p99")" >> "$work/runs-service"
            start hello --bytes "$bytes"
            read -r hrps _ hp99 < <(load single "" north-somerset)
            stop
            echo "$hrps 0 $(ms "$hp99")" >> "$work/runs-hello"
            ratio=$(awk -v a="$rps" -v b="$hrps" 'BEGIN {printf "%.3f", a/b}')
            echo "$ratio" >> "$work/runs-ratio"
            echo "  round $round: service $rps requests/s, hello-world $hrps, ratio $ratio"
        done
        # Each round's two runs are back to back, so their ratio is the paired figure; the ratio of
        # the two medians is printed beside it (the machine's noise moves whole rounds).
        echo "service / hello-world: $(figure ratio 1 | awk '{printf "%.2f", $1}') (median of the rounds' ratios); ratio of medians $(awk -v a="$(figure service 1)" -v b="$(figure hello 1)" 'BEGIN {printf "%.2f", a/b}') (service $(printf %.0f "$(figure service 1)"), hello-world $(printf %.0f "$(figure hello 1)") requests/s)"
        ;;
    esac
done
