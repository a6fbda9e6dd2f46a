#!/usr/bin/env bash
# From a fresh clone to the first page: milliseconds from starting the built app (no database yet) to the first 200
# on /, and how long the seed import took inside that, read from the app's log.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bash tests/perf/start.sh [--runs 5] [--port 5090] [--r2r]

Clones this checkout's HEAD (committed work only) into a temp folder, builds src/LlmWatch.Web with
`dotnet build -c Release` (timed, reported apart), then --runs times: deletes the database, starts the built app on
127.0.0.1 in Production, polls / every 50 ms until the first 200, reads "Seed import took N ms" from its log and
stops it. Prints a markdown fragment for tests/perf/PERFORMANCE.md with the medians; goals: first 200 <= 5 s,
import <= 1 s. --r2r publishes with ReadyToRun (as deployed) instead of building. Logs: tests/perf/out/start-*.log. About 2 minutes.
EOF
}

runs=5; port=5090; r2r=0; serve_build=StaticAssets__ServeBuildOutput=false
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --r2r) r2r=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 64 ;;
  esac
done

cd "$(dirname "$0")/../.."
repo=$(pwd); out=$repo/tests/perf/out; mkdir -p "$out"
work=$(mktemp -d); app=""
source tests/perf/lib.sh
trap 'perf_stop; rm -rf "$work"' EXIT
machine=$(perf_machine)

sha=$(git rev-parse HEAD)
clone=$work/LlmWatch
git clone -q --no-checkout "$repo" "$clone"
git -C "$clone" checkout -q "$sha"
build_started=$(date +%s%N)
if [ "$r2r" = 1 ]; then
  # As deployed: published with ReadyToRun, so the runtime starts from precompiled code instead of JIT-compiling EF Core and Blazor.
  dotnet publish "$clone/src/LlmWatch.Web" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$clone/publish" -v quiet -nologo > "$out/start-build.log" 2>&1 ||
    { echo "the publish failed; see $out/start-build.log" >&2; exit 1; }
  run_dir=$clone/publish; run_dll=LlmWatch.Web.dll; built_by="dotnet publish -c Release -r linux-x64 -p:PublishReadyToRun=true"
else
  dotnet build "$clone/src/LlmWatch.Web" -c Release -v quiet -nologo > "$out/start-build.log" 2>&1 ||
    { echo "the build failed; see $out/start-build.log" >&2; exit 1; }
  run_dir=$clone/src/LlmWatch.Web; run_dll=bin/Release/net10.0/LlmWatch.Web.dll; built_by="dotnet build src/LlmWatch.Web -c Release"
  # Outside Development the app refuses a build folder unless told to serve it (README, StaticAssets:ServeBuildOutput).
  serve_build=StaticAssets__ServeBuildOutput=true
fi
build_ms=$(( ($(date +%s%N) - build_started) / 1000000 ))

project=$clone/src/LlmWatch.Web
: > "$work/results"
for run in $(seq 1 "$runs"); do
  rm -f "$clone"/data/llmwatch.db*
  log=$out/start-$run.log
  started=$(date +%s%N)
  # The app's own defaults: the database is data/llmwatch.db in the clone, created, migrated and seeded on start.
  (cd "$run_dir" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" Hosting__HttpsRedirection=false "$serve_build" \
    dotnet "$run_dll") > "$log" 2>&1 &
  app=$!
  status=000
  for _ in $(seq 1 1200); do
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$port/" || true)
    [ "$status" = 200 ] && break
    kill -0 "$app" 2>/dev/null || break
    sleep 0.05
  done
  first_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  [ "$status" = 200 ] || { echo "run $run: no 200 on / (last status $status); see $log" >&2; exit 1; }
  import_ms=$(sed -nE 's/.*Seed import took ([0-9]+) ms.*/\1/p' "$log" | tail -1)
  echo "$first_ms ${import_ms:-n/a}" >> "$work/results"
  perf_stop
done

first=$(cut -d' ' -f1 "$work/results" | median); import=$(cut -d' ' -f2 "$work/results" | grep -v n/a | median)
each() { cut -d' ' -f"$1" "$work/results" | paste -sd'/' | sed 's|/| / |g'; }
verdict() { awk -v v="$1" -v g="$2" 'BEGIN { print (v != "n/a" && v <= g) ? "✔" : "✘" }'; }

cat <<EOF
### From a fresh clone to the first page (\`bash tests/perf/start.sh$( [ "$r2r" = 1 ] && echo " --r2r")\`)

$machine
Commit ${sha:0:12}, cloned fresh; \`$built_by\` took $(awk -v m="$build_ms" 'BEGIN { printf "%.1f", m / 1000 }') s (restore from the local NuGet cache
included; not part of the start). Then $runs times: no database, the built app started in Production on 127.0.0.1, \`/\` polled every 50 ms.

| measure | median of $runs | each run | goal |
| --- | --- | --- | --- |
| process start → first 200 on \`/\` (migrate + seed import + first render) | $first ms | $(each 1) | ≤ 5,000 ms $(verdict "$first" 5000) |
| seed import (the importer's own stopwatch, in the log) | $import ms | $(each 2) | ≤ 1,000 ms $(verdict "$import" 1000) |
EOF
