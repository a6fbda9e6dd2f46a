#!/usr/bin/env bash
# Reliability under load (issue 7): 60 s of wrk at 64 connections over a mix of pages and API on 127.0.0.1 while
# 30 headless Chromium pages hold live circuits; managed memory after a full GC before and after.
# Usage: bash tests/perf/load.sh [seconds=60] [connections=64] [circuits=30] [circuit page=/funding: reader pages are static, a circuit lives in an island]. Bounded in time; 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}; connections=${2:-64}; circuits=${3:-30}; circuit_path=${4:-/funding}
port=5087
out=tests/perf/out; mkdir -p "$out"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -x /usr/bin/chromium ] || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
[ -d tests/perf/node_modules/playwright-core ] || (cd tests/perf && npm install --silent --no-audit --no-fund --no-save playwright-core@1.64.1 >/dev/null)

work=$(mktemp -d); db=$work/load.db; publish=$work/app; repo=$(pwd)
# Published, as it would be deployed: outside Development only a publish serves the packages' static assets.
dotnet publish src/LlmWatch.Web -c Release -o "$publish" -v quiet -nologo >/dev/null
cd "$publish"
env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS=http://127.0.0.1:$port \
  ConnectionStrings__LlmWatch="Data Source=$db" Data__Directory="$repo/data" Diagnostics__Enabled=true Hosting__HttpsRedirection=false \
  `# the mix stands for many readers but comes from one address: the per-client limits (abuse.sh measures those) are lifted` \
  RateLimiting__Api__PermitLimit=1000000000 RateLimiting__Pages__BurstLimit=1000000 RateLimiting__Pages__PerSecond=1000000 \
  RateLimiting__Pages__CostlyConcurrency=1000 Circuits__Hub__MaxPerClient=100000 Circuits__Hub__MaxTotal=100000 \
  Serilog__MinimumLevel__Default=Warning "Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware=Warning" \
  dotnet LlmWatch.Web.dll > "$repo/$out/load-app.log" 2>&1 &
app=$!
cd "$repo"
trap 'kill $app 2>/dev/null || true; kill ${holder:-} 2>/dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { echo "the app did not become healthy"; tail -20 "$out/load-app.log"; exit 1; }
memory() { curl -sf "http://127.0.0.1:$port/_diag/memory" | sed -E 's/.*"managedBytes":([0-9]+).*/\1/'; }

# Warm up: the same mix for 10 s and a few circuits opened and closed, so caches filled on first use
# (compiled queries, render trees, JIT) are not counted as growth.
wrk -t2 -c"$connections" -d10s -s tests/perf/mix.lua "http://127.0.0.1:$port" > "$out/wrk-warmup.txt"
node tests/perf/circuits.mjs "http://127.0.0.1:$port$circuit_path" 3 1 > "$out/circuits-warmup.log" 2>&1
sleep 5
before=$(memory)

node tests/perf/circuits.mjs "http://127.0.0.1:$port$circuit_path" "$circuits" $((seconds + 20)) > "$out/circuits.log" 2>&1 &
holder=$!
for _ in $(seq 1 240); do grep -q "^ready" "$out/circuits.log" && break; sleep 0.5; done
grep -q "^ready" "$out/circuits.log" || { echo "circuits never became ready"; cat "$out/circuits.log"; exit 1; }
during=$(memory)

wrk -t2 -c"$connections" -d"${seconds}s" --latency -s tests/perf/mix.lua "http://127.0.0.1:$port" | tee "$out/wrk.txt"
wait $holder || true
# Closed tabs end their circuits; any that missed the goodbye are held for the retention period (120 s) then dropped.
series=""
for wait_s in 5 30 60 130; do
  sleep $((wait_s - ${last_s:-0})); last_s=$wait_s
  series="$series ${wait_s}s=$(memory)"
done
after=$(memory)

echo "memory: before=$before bytes, with $circuits circuits=$during bytes, after closing:$series"
awk -v b="$before" -v a="$after" 'BEGIN { printf "memory after vs before: %+.1f%%\n", (a - b) * 100 / b }'
