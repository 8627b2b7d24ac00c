#!/usr/bin/env bash
# Runs schemathesis (PyPI) against openapi.yaml and a live redress-server on loopback: every
# operation, generated and stateful cases; fails on any 5xx or any response that breaks the schema.
#   scripts/schemathesis.sh [EXAMPLES]      (pip install schemathesis; default 200 examples)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product redress-server
port=18765
.build/debug/redress-server --library policies --port "$port" > /tmp/redress-schemathesis-server.log 2>&1 &
server=$!
trap 'kill "$server"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
schemathesis run openapi.yaml --url "http://127.0.0.1:$port" --seed 1 --max-examples "${1:-200}" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance
