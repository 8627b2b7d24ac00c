#!/usr/bin/env bash
# Regenerates openapi.yaml from the service's own list of endpoints and the decision contract
# (`redress-server openapi`). Tests/RedressServerTests/OpenAPIDocumentTests.swift fails while the
# committed file differs from what the service generates.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product redress-server >/dev/null
"$(swift build --show-bin-path)/redress-server" openapi > openapi.yaml
echo "openapi.yaml written ($(wc -l < openapi.yaml) lines)"
