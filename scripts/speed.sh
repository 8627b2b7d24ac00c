#!/usr/bin/env bash
# Every claim in BENCHMARKS.md, reproduced: each section runs a subject and its baseline in turn
# on the same files, release builds, and prints the medians and their ratio.
#   scripts/speed.sh [SECTION…] [--runs N]        (default: every section, 3 runs)
# Sections:
#   classify      `redress classify`, 1M generated complaints, against jq and an orjson parse loop
#   formats       CSV, table, xlsx and --explain against JSON Lines on the same complaints
#   schedule      `redress schedule`, 1M generated cases, against scripts/schedule_pandas.py
#                 (the same CSV, compared byte for byte on 100,000 cases first)
#   instructions  instructions per record by callgrind (classify and schedule; start-up left out)
#   calendar      `calendar add --dates` against one process per date
#   limits        `redress check` on hostile YAML (an alias bomb, deep nesting) against `--version`
#   engine        in-process: the engine against a hand-written routing, the reader, loading
#                 (`swift run -c release RedressBenchmarks`)
#   policies      policies of any size (scripts/policy-size-speed.py)
#   report        `redress report` against pandas (scripts/report-speed.sh)
#   service       the service under wrk: stores, credentials, library size, hello-world
#                 (scripts/service-speed.sh; needs wrk, and REDRESS_BENCH_POSTGRES for PostgreSQL),
#                 and what SQLite itself costs a record (scripts/sqlite-row-cost.py: one row a
#                 record with the benchmark's repeating ids and with growing ones, and a request's
#                 records to one row with no index, the least any layout writes)
#   workbench     the workbench's time from a keystroke to the problems shown, per council, in
#                 headless Chromium (the browser test; needs chromium and chromium-driver)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3
sections=()
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        classify | formats | schedule | instructions | calendar | limits | engine | policies | report | service | workbench)
            sections+=("$1"); shift ;;
        *) echo "unknown section or option: $1 (see the top of $0)" >&2; exit 2 ;;
    esac
done
[ ${#sections[@]} -eq 0 ] && sections=(classify formats schedule instructions calendar limits engine policies report service workbench)
wants() { [[ " ${sections[*]} " == *" $1 "* ]]; }
# A missing tool would otherwise time as an instant failure and print a meaningless ratio.
need() { command -v "$1" >/dev/null || { echo "the $2 section needs $1 (Debian: apt-get install ${3:-$1})" >&2; exit 2; }; }
need_python() { python3 -c "import $1" 2>/dev/null || { echo "the $2 section needs the Python module $1 (pip install $1)" >&2; exit 2; }; }
if wants classify; then need jq classify; need_python orjson classify; fi
if wants schedule; then for module in pandas numpy holidays orjson; do need_python "$module" schedule; done; fi
if wants instructions; then need valgrind instructions; fi
if wants report; then need_python pandas report; fi
if wants service; then need wrk service; fi
if wants workbench; then need chromium workbench; need chromedriver workbench chromium-driver; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release --product redress >/dev/null 2>&1
redress=.build/release/redress
policy=(--policy policies/councils/north-somerset --library policies)
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N); echo "$end - $start" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { echo "scale=2; $1 / $2" | bc; }
complaints() { [ -f "$work/complaints.jsonl" ] || python3 scripts/generate_complaints.py 1000000 "$work/complaints.jsonl"; }
cases() { [ -f "$work/cases.jsonl" ] || python3 scripts/generate_cases.py 1000000 "$work/cases.jsonl"; }

echo "machine: $(nproc) cores, $(uname -m), $(swift --version 2>&1 | head -1); $runs runs of each, paired"

if wants classify; then
    complaints
    : > "$work/c"; : > "$work/j"; : > "$work/o"
    for _ in $(seq "$runs"); do
        seconds "$redress" classify "${policy[@]}" "$work/complaints.jsonl" --format jsonl >> "$work/c"
        seconds jq -c '{id: .id}' "$work/complaints.jsonl" >> "$work/j"
        seconds python3 -c 'import orjson, sys
for line in open(sys.argv[1], "rb"): orjson.loads(line)' "$work/complaints.jsonl" >> "$work/o"
    done
    c=$(median < "$work/c"); j=$(median < "$work/j"); o=$(median < "$work/o")
    echo "## classify, 1M complaints ($(wc -c < "$work/complaints.jsonl") bytes)"
    echo "redress ${c} s, jq ${j} s, orjson parse loop ${o} s"
    echo "  throughput against jq: $(ratio "$j" "$c")× (goal ≥ 3); against orjson: $(ratio "$o" "$c")× (goal ≥ 1)"
fi

if wants formats; then
    complaints
    formats=(csv table xlsx explain)
    : > "$work/f-jsonl"; for format in "${formats[@]}"; do : > "$work/f-$format"; done
    : > "$work/n-jsonl"; : > "$work/n-explain"
    for _ in $(seq "$runs"); do
        seconds "$redress" classify "${policy[@]}" "$work/complaints.jsonl" --format jsonl --output "$work/out.jsonl" >> "$work/f-jsonl"
        seconds "$redress" classify "${policy[@]}" "$work/complaints.jsonl" --format csv --output "$work/out.csv" >> "$work/f-csv"
        seconds "$redress" classify "${policy[@]}" "$work/complaints.jsonl" --format table --output "$work/out.txt" >> "$work/f-table"
        seconds "$redress" classify "${policy[@]}" "$work/complaints.jsonl" --output "$work/out.xlsx" >> "$work/f-xlsx"
        seconds "$redress" classify "${policy[@]}" "$work/complaints.jsonl" --format jsonl --explain --output "$work/out.explain.jsonl" >> "$work/f-explain"
        # --explain writes 2.8 times the bytes; sent to /dev/null, the kernel's cost of storing them is left out.
        seconds "$redress" classify "${policy[@]}" "$work/complaints.jsonl" --format jsonl >> "$work/n-jsonl"
        seconds "$redress" classify "${policy[@]}" "$work/complaints.jsonl" --format jsonl --explain >> "$work/n-explain"
    done
    rm -f "$work"/out.*
    jsonl=$(median < "$work/f-jsonl")
    echo "## classify 1M by output format, to files (JSON Lines ${jsonl} s; goal ≤ 1.5×, xlsx ≤ 2×)"
    for format in "${formats[@]}"; do
        echo "  $format: $(median < "$work/f-$format") s, $(ratio "$(median < "$work/f-$format")" "$jsonl")× JSON Lines' time"
    done
    echo "  explain to /dev/null: $(median < "$work/n-explain") s, $(ratio "$(median < "$work/n-explain")" "$(median < "$work/n-jsonl")")× JSON Lines to /dev/null ($(median < "$work/n-jsonl") s)"
fi

if wants schedule; then
    cases
    as_of=2025-01-31
    head -100000 "$work/cases.jsonl" > "$work/cases-100k.jsonl"
    "$redress" schedule "${policy[@]}" --as-of "$as_of" --format csv --errors /dev/null "$work/cases-100k.jsonl" > "$work/r.csv" 2>/dev/null || true
    python3 scripts/schedule_pandas.py "$work/cases-100k.jsonl" "$as_of" "$work/p.csv" 2>/dev/null
    cmp -s "$work/r.csv" "$work/p.csv" || { echo "schedule: redress and pandas differ on 100,000 cases: $(cmp "$work/r.csv" "$work/p.csv")" >&2; exit 1; }
    : > "$work/s"; : > "$work/p"
    for _ in $(seq "$runs"); do
        seconds "$redress" schedule "${policy[@]}" --as-of "$as_of" --format csv --errors /dev/null "$work/cases.jsonl" --output "$work/r.csv" >> "$work/s"
        seconds python3 scripts/schedule_pandas.py "$work/cases.jsonl" "$as_of" "$work/p.csv" >> "$work/p"
    done
    cmp -s "$work/r.csv" "$work/p.csv" || { echo "schedule: redress and pandas differ on 1M cases" >&2; exit 1; }
    s=$(median < "$work/s"); p=$(median < "$work/p")
    peak() { /usr/bin/time -f "%M" -o "$work/t" "$@" >/dev/null 2>&1 || true; tail -1 "$work/t"; }
    rm_=$(peak "$redress" schedule "${policy[@]}" --as-of "$as_of" --format csv --errors /dev/null "$work/cases.jsonl" --output "$work/r.csv")
    pm=$(peak python3 scripts/schedule_pandas.py "$work/cases.jsonl" "$as_of" "$work/p.csv")
    echo "## schedule, 1M cases ($(wc -c < "$work/cases.jsonl") bytes) to CSV, identical output"
    echo "redress ${s} s, scripts/schedule_pandas.py ${p} s: $(ratio "$p" "$s")× the throughput (goal ≥ 3)"
    echo "  peak memory: redress ${rm_} KB, pandas ${pm} KB"
    rm -f "$work"/*.csv
fi

if wants instructions; then
    complaints; cases
    # Instructions for N records less those for one, over N − 1: start-up is left out.
    count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/refs:/ {gsub(",", "", $NF); print $NF}'; }
    per_record() {
        local input=$1; shift
        head -1 "$input" > "$work/one.jsonl"; head -20000 "$input" > "$work/many.jsonl"
        local one many
        one=$(count "$redress" "$@" "$work/one.jsonl"); many=$(count "$redress" "$@" "$work/many.jsonl")
        echo $(((many - one) / 19999))
    }
    echo "## instructions per record (callgrind, the first 20,000 records less the first one alone)"
    echo "classify (JSON Lines): $(per_record "$work/complaints.jsonl" classify "${policy[@]}" --format jsonl) (goal ≤ 9,500)"
    echo "schedule (CSV): $(per_record "$work/cases.jsonl" schedule "${policy[@]}" --as-of 2025-01-31 --format csv --errors /dev/null)"
fi

if wants calendar; then
    python3 -c 'import datetime
d = datetime.date(2024, 1, 1)
with open("'"$work/dates.txt"'", "w") as f:
    for i in range(100000): f.write(f"{d + datetime.timedelta(days=i % 700)} {i % 40}\n")'
    batch=$(seconds "$redress" calendar add --dates "$work/dates.txt" --library policies)
    start=$(date +%s.%N); for _ in $(seq 200); do "$redress" calendar add 2024-12-20 10 --library policies >/dev/null; done; end=$(date +%s.%N)
    echo "## calendar add"
    echo "100,000 dates with --dates in ${batch} s ($(echo "scale=2; $batch * 10" | bc) µs a date); one process per date: $(echo "scale=0; ($end - $start) * 5000 / 1" | bc) µs a date"
fi

if wants limits; then
    python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
with open(f"{work}/bomb.yaml", "w") as f:  # 10 levels of 10 aliases: 10^10 nodes if expanded
    f.write("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
    for level in range(1, 10):
        f.write(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]\n")
with open(f"{work}/deep.yaml", "w") as f:
    f.write("[" * 10000 + "]" * 10000 + "\n")
PY
    echo "## limits (redress check; wall time and peak memory)"
    for file in bomb deep; do
        /usr/bin/time -f "%e s %M KB" -o "$work/t" "$redress" check "$work/$file.yaml" --library policies > "$work/out" 2>&1 || true
        echo "  $file ($(wc -c < "$work/$file.yaml") bytes): $(tail -1 "$work/t"), $(grep -m1 -o "error: .*" "$work/out")"
    done
    /usr/bin/time -f "%e s %M KB" -o "$work/t" "$redress" --version > /dev/null
    echo "  baseline, redress --version: $(cat "$work/t")"
    # Lines with many keys: the same 800,000 keys as 40 lines of 20,000 and as 20 lines of 40,000.
    # A reader linear in a line's keys takes the same time for both; a quadratic one (as the reader
    # was before issue 14) twice as long for the longer lines.
    python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
for name, lines, keys in (("keys20k", 40, 20000), ("keys40k", 20, 40000)):
    with open(f"{work}/{name}.jsonl", "w") as f:
        for line in range(lines):
            f.write('{"id":"K%d","received":"2024-12-20"' % line + "".join(',"k%d":%d' % (i, i) for i in range(keys)) + "}\n")
PY
    keys_time() { local best=""; for _ in 1 2 3; do
        /usr/bin/time -f "%e" -o "$work/t" "$redress" classify "${policy[@]}" --format jsonl "$work/$1.jsonl" > /dev/null
        best=$(printf "%s\n%s\n" "$best" "$(cat "$work/t")" | grep . | sort -n | head -1); done; echo "$best"; }
    short=$(keys_time keys20k); long=$(keys_time keys40k)
    echo "  800,000 keys as 40 lines of 20,000: $short s; as 20 lines of 40,000: $long s (best of 3); ratio $(awk -v a="$long" -v b="$short" 'BEGIN {printf "%.2f", a/b}') (linear: about 1; quadratic: about 2)"
fi

if wants engine; then
    echo "## in-process (RedressBenchmarks)"
    swift run -c release RedressBenchmarks 2>/dev/null
fi

if wants policies; then
    python3 scripts/policy-size-speed.py --runs "$runs"
fi

if wants report; then
    echo "## report"
    scripts/report-speed.sh "$runs"
fi

if wants service; then
    scripts/service-speed.sh --rounds "$runs"
    echo "## what SQLite itself writes here, one row per record (scripts/sqlite-row-cost.py)"
    python3 scripts/sqlite-row-cost.py --ids repeating
    python3 scripts/sqlite-row-cost.py --ids growing
    python3 scripts/sqlite-row-cost.py --layout request
fi

if wants workbench; then
    echo "## workbench: ms from the last keystroke to the problems shown (debug build, as the tests build it)"
    REDRESS_WORKBENCH_LOG="$work/workbench.log" swift test --filter WorkbenchBrowserTests >/dev/null 2>&1 || { echo "the browser test failed" >&2; exit 1; }
    grep "problems shown" "$work/workbench.log"
fi
