#!/usr/bin/env bash
# Runs schemathesis (PyPI) against openapi.yaml and a live redress-server on loopback, with an admin
# key: every operation, generated and stateful cases; fails on any 5xx or any response that breaks
# the schema. (The suite runs the same with fewer examples: SchemathesisTests.)
#   scripts/schemathesis.sh [EXAMPLES]      (pip install schemathesis; default 200 examples)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product redress-server
port=18765
work=$(mktemp -d)
key=rdk_schemathesis_$RANDOM$RANDOM
printf 'redress-keys: 1\nkeys:\n  - { name: schemathesis, sha256: %s, roles: [admin], councils: all }\n' \
    "$(printf %s "$key" | sha256sum | cut -d' ' -f1)" > "$work/keys.yaml"
cp -r policies "$work/policies"
.build/debug/redress-server --library "$work/policies" --port "$port" --keys-file "$work/keys.yaml" --records "$work/records.sqlite" > "$work/server.log" 2>&1 &
server=$!
trap 'kill "$server"; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
schemathesis run openapi.yaml --url "http://127.0.0.1:$port" -H "Authorization: Bearer $key" --seed 1 --max-examples "${1:-200}" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance
