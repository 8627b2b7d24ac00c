#!/usr/bin/env bash
# Regenerates docs/redress.1 from the commands themselves (swift-argument-parser's generate-manual
# tool reads `redress --experimental-dump-help`). Run after changing a command, option or its help;
# Tests/RedressCommandsTests/ManualPageTests.swift fails while the page is out of date.
#   scripts/make_manpage.sh        then: man -l docs/redress.1
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product redress
# Building the plugin builds its tool; the plugin itself stops at the benchmark executable (not an
# argument-parser tool), so the tool is run directly on `redress` only.
swift package plugin generate-manual --configuration debug >/dev/null 2>&1 || true
tool=$(find .build -path '*debug/generate-manual-tool' -type f | head -1)
[ -x "$tool" ] || { echo "generate-manual-tool was not built" >&2; exit 2; }
out=$(mktemp -d)
"$tool" "$(swift build --product redress --show-bin-path)/redress" --date "$(git log -1 --format=%cs -- Sources/RedressCommands 2>/dev/null || date +%F)" --authors "Redress contributors" -o "$out"
cat "$out/redress.1" > docs/redress.1
rm -rf "$out"
echo "docs/redress.1 written ($(wc -l < docs/redress.1) lines)"
