#!/usr/bin/env bash
# Decisions byte for byte: the release build of a git revision (default: main's last commit,
# i.e. before your change) against the working tree's, on the example complaints and on 100,000
# generated complaints and case histories, for classify (jsonl, csv, --explain; North Somerset and
# every other bundled council) and schedule.
# Standard output and error records are both compared.
#   scripts/compare_decisions.sh [REVISION]
set -euo pipefail
cd "$(dirname "$0")/.."
revision=${1:-HEAD}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/tree" "$revision" >/dev/null 2>&1
echo "building $revision and the working tree (release)…"
(cd "$work/tree" && swift build -c release --product redress >/dev/null 2>&1)
swift build -c release --product redress >/dev/null 2>&1
before="$work/tree/.build/release/redress"
after=".build/release/redress"
python3 scripts/generate_complaints.py 100000 "$work/complaints.jsonl"
python3 scripts/generate_cases.py 100000 "$work/cases.jsonl"
policy=(--policy policies/councils/north-somerset --library policies)
failed=0
compare() {
    local name=$1; shift
    "$before" "$@" > "$work/before.out" 2> "$work/before.err" || true
    "$after" "$@" > "$work/after.out" 2> "$work/after.err" || true
    if cmp -s "$work/before.out" "$work/after.out" && cmp -s "$work/before.err" "$work/after.err"; then
        echo "same: $name ($(wc -l < "$work/after.out") lines, $(wc -l < "$work/after.err") error lines)"
    else
        echo "DIFFERENT: $name"; failed=1
        diff <(head -c 2000000 "$work/before.out") <(head -c 2000000 "$work/after.out") | head -5 || true
    fi
}
compare "classify examples" classify "${policy[@]}" examples/complaints.jsonl --format jsonl
compare "classify examples --explain" classify "${policy[@]}" examples/complaints.jsonl --format jsonl --explain
compare "classify 100k jsonl" classify "${policy[@]}" "$work/complaints.jsonl" --format jsonl
compare "classify 100k csv out" classify "${policy[@]}" "$work/complaints.jsonl" --format csv
# Every other bundled council on the same records (most are error records there: other services).
for council in policies/councils/*/; do
    name=$(basename "$council")
    [ "$name" = north-somerset ] && continue
    compare "classify 100k jsonl, $name" classify --policy "$council" --library policies "$work/complaints.jsonl" --format jsonl
done
compare "schedule examples" schedule "${policy[@]}" examples/complaints.jsonl --as-of 2025-03-01 --format jsonl
compare "schedule 100k" schedule "${policy[@]}" "$work/cases.jsonl" --as-of 2025-01-31 --format jsonl
exit $failed
