#!/usr/bin/env bash
# Starts the built mock host, fetches the plugin's openapi.json and validates it with a real
# OpenAPI 3.1 validator from npm (tests/openapi/package-lock.json pins it).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/../build-ci}
cd "$here/openapi"
[[ -d node_modules/@seriousme/openapi-schema-validator ]] || npm ci --no-audit --no-fund --silent
work=$(mktemp -d)
"$build/bin/mock-host" --port 0 --data-dir "$work/var" > "$work/out" 2> "$work/err" &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do grep -q listening "$work/out" && break; sleep 0.1; done
port=$(grep -o '[0-9]*$' "$work/out")
curl -sf "http://127.0.0.1:$port/api/used-car-filing/v1/openapi.json" -o "$work/openapi.json"
node validate.mjs "$work/openapi.json"
