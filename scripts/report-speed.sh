#!/usr/bin/env bash
# `redress report` against a pandas script computing the same headline figures (scripts/report_pandas.py),
# paired on the same 1,000,000 generated case histories (scripts/generate_cases.py). pandas is given
# `redress schedule`'s output for the report date, made once beforehand and not timed, so it only
# reads and aggregates; redress reads the raw histories, routes, dates and aggregates. Reports the
# median wall time and peak memory of each, and the ratio.
#   scripts/report-speed.sh [RUNS] [CASES]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
count=${2:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release --product redress >/dev/null 2>&1
redress=.build/release/redress
policy=(--policy policies/councils/north-somerset --library policies)
python3 scripts/generate_cases.py "$count" "$work/cases.jsonl"
"$redress" schedule "${policy[@]}" --as-of 2024-12-31 "$work/cases.jsonl" > "$work/schedules.jsonl" 2>/dev/null || true
measure() { /usr/bin/time -f "%e %M" -o "$work/t" "$@" > /dev/null 2>&1 || true; tail -1 "$work/t"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "machine: $(nproc) cores, $(uname -m), $(swift --version 2>&1 | head -1), $(python3 -c 'import pandas; print("pandas", pandas.__version__)')"
echo "load: $count case histories ($(wc -c < "$work/cases.jsonl") bytes), report 2024-01-01 to 2024-12-31"
: > "$work/r"; : > "$work/p"
for _ in $(seq "$runs"); do
    measure "$redress" report "${policy[@]}" --from 2024-01-01 --to 2024-12-31 --format json "$work/cases.jsonl" >> "$work/r"
    measure python3 scripts/report_pandas.py "$work/cases.jsonl" "$work/schedules.jsonl" 2024-01-01 2024-12-31 >> "$work/p"
done
r=$(cut -d' ' -f1 < "$work/r" | median); p=$(cut -d' ' -f1 < "$work/p" | median)
rm=$(cut -d' ' -f2 < "$work/r" | sort -n | tail -1); pm=$(cut -d' ' -f2 < "$work/p" | sort -n | tail -1)
echo "report: redress ${r} s (peak ${rm} KB), pandas ${p} s (peak ${pm} KB), medians of $runs"
echo "  redress/pandas speed ratio: $(echo "scale=2; $p / $r" | bc) (goal ≥ 2)"
