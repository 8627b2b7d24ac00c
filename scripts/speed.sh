#!/usr/bin/env bash
# End-to-end speed, side by side on the same files (issue 19): `redress classify` against jq and
# an orjson parse loop on 1,000,000 generated complaints; `redress schedule` against the release
# build of an earlier revision (the baseline, default: the commit before the speed work) on
# 1,000,000 generated case histories (23b6631 is the last commit before the speed work);
# `calendar add --dates` per date against one process per date; every output format (CSV, table,
# xlsx, `--explain`) against JSON Lines on the same complaints. Runs are paired
# (subject, then baseline, in turn) and the median of each is reported, with the ratio.
#   scripts/speed.sh [BASELINE_REVISION] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
baseline_revision=${1:-23b6631}
runs=${2:-3}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
swift build -c release --product redress >/dev/null 2>&1
redress=.build/release/redress
policy=(--policy policies/councils/north-somerset --library policies)
python3 scripts/generate_complaints.py 1000000 "$work/complaints.jsonl"
python3 scripts/generate_cases.py 1000000 "$work/cases.jsonl"
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N); echo "$end - $start" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { echo "scale=2; $1 / $2" | bc; }

echo "machine: $(nproc) cores, $(uname -m), $(swift --version 2>&1 | head -1)"
echo "files: $(wc -c < "$work/complaints.jsonl") bytes of complaints, $(wc -c < "$work/cases.jsonl") bytes of cases"
: > "$work/c"; : > "$work/j"; : > "$work/o"
for _ in $(seq "$runs"); do
    seconds "$redress" classify "${policy[@]}" "$work/complaints.jsonl" --format jsonl >> "$work/c"
    seconds jq -c '{id: .id}' "$work/complaints.jsonl" >> "$work/j"
    seconds python3 -c 'import orjson, sys
for line in open(sys.argv[1], "rb"): orjson.loads(line)' "$work/complaints.jsonl" >> "$work/o"
done
c=$(median < "$work/c"); j=$(median < "$work/j"); o=$(median < "$work/o")
echo "classify 1M: redress ${c} s, jq ${j} s, orjson parse ${o} s (medians of $runs)"
echo "  classify/jq throughput ratio: $(ratio "$j" "$c") (goal ≥ 3)"
echo "  classify/orjson throughput ratio: $(ratio "$o" "$c") (goal ≥ 0.5)"

# Every output format against JSON Lines, paired on the same file (issue 29: ≤ 1.5×, xlsx ≤ 2×).
: > "$work/f-jsonl"
formats=(csv table xlsx explain)
for format in "${formats[@]}"; do : > "$work/f-$format"; done
for _ in $(seq "$runs"); do
    seconds "$redress" classify "${policy[@]}" "$work/complaints.jsonl" --format jsonl --output "$work/out.jsonl" >> "$work/f-jsonl"
    seconds "$redress" classify "${policy[@]}" "$work/complaints.jsonl" --format csv --output "$work/out.csv" >> "$work/f-csv"
    seconds "$redress" classify "${policy[@]}" "$work/complaints.jsonl" --format table --output "$work/out.txt" >> "$work/f-table"
    seconds "$redress" classify "${policy[@]}" "$work/complaints.jsonl" --output "$work/out.xlsx" >> "$work/f-xlsx"
    seconds "$redress" classify "${policy[@]}" "$work/complaints.jsonl" --format jsonl --explain --output "$work/out.explain.jsonl" >> "$work/f-explain"
done
jsonl=$(median < "$work/f-jsonl")
echo "classify 1M by output format (time against JSON Lines ${jsonl} s, medians of $runs):"
for format in "${formats[@]}"; do
    echo "  $format: $(median < "$work/f-$format") s, $(ratio "$(median < "$work/f-$format")" "$jsonl")× JSON Lines' time"
done
# --explain writes 2.8 times the bytes; to standard output sent to /dev/null the comparison leaves
# out the kernel's cost of storing them.
: > "$work/n-jsonl"; : > "$work/n-explain"
for _ in $(seq "$runs"); do
    seconds "$redress" classify "${policy[@]}" "$work/complaints.jsonl" --format jsonl >> "$work/n-jsonl"
    seconds "$redress" classify "${policy[@]}" "$work/complaints.jsonl" --format jsonl --explain >> "$work/n-explain"
done
echo "  explain to /dev/null: $(median < "$work/n-explain") s, $(ratio "$(median < "$work/n-explain")" "$(median < "$work/n-jsonl")")× JSON Lines to /dev/null ($(median < "$work/n-jsonl") s)"

git worktree add --detach "$work/tree" "$baseline_revision" >/dev/null 2>&1
(cd "$work/tree" && swift build -c release --product redress >/dev/null 2>&1)
before="$work/tree/.build/release/redress"
: > "$work/s"; : > "$work/b"
for _ in $(seq "$runs"); do
    seconds "$redress" schedule "${policy[@]}" "$work/cases.jsonl" --as-of 2025-01-31 --format jsonl >> "$work/s"
    seconds "$before" schedule "${policy[@]}" "$work/cases.jsonl" --as-of 2025-01-31 --format jsonl >> "$work/b"
done
s=$(median < "$work/s"); b=$(median < "$work/b")
echo "schedule 1M: redress ${s} s, $baseline_revision ${b} s: $(ratio "$b" "$s")× the throughput (goal ≥ 2)"

python3 -c 'import datetime
d = datetime.date(2024, 1, 1)
with open("'"$work/dates.txt"'", "w") as f:
    for i in range(100000): f.write(f"{d + datetime.timedelta(days=i % 700)} {i % 40}\n")'
batch=$(seconds "$redress" calendar add --dates "$work/dates.txt" --library policies)
start=$(date +%s.%N); for _ in $(seq 200); do "$redress" calendar add 2024-12-20 10 --library policies >/dev/null; done; end=$(date +%s.%N)
echo "calendar add: 100,000 dates with --dates in ${batch} s ($(echo "scale=2; $batch * 10" | bc) µs per date); one process per date: $(echo "scale=0; ($end - $start) * 5000 / 1" | bc) µs per date"
