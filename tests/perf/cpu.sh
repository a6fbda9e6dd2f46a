#!/usr/bin/env bash
# The server's own CPU per request for a few addresses, each rendered or queried anew every time (not answered from the output cache).
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bash tests/perf/cpu.sh [--db seed|<file>] [--requests 20] [--warm 10] [--port 5401] URL...

Publishes the app (Release), starts it on 127.0.0.1 in Production on a copy of the database (the app migrates what it
opens), and for each URL (a path and query, e.g. '/timeline?camp=general'): URL requested --warm times, then --requests
times one after another, reading the process's user + system time from /proc/<pid>/stat before and after. Output-cache
entries live 1 s (OutputCache:PageSeconds and ApiSeconds) and each request waits 1.1 s after the one before, so every
request is rendered and queried anew at the same address (the API refuses unknown parameters, and a junk parameter would
change what the page renders). The same number of 1.1 s waits without a request is measured first and taken off: what the
idle process spends meanwhile. Prints a markdown table row per URL: ms of CPU per request, wall time per request, load average.
--db: default the 100k synthetic database /tmp/llmwatch-perf/synthetic-100000.db (generated once if missing).
EOF
}

db_arg=""; requests=20; warm=10; port=5401; urls=()
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db_arg=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    --warm) warm=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    -*) usage >&2; exit 64 ;;
    *) urls+=("$1"); shift ;;
  esac
done
[ ${#urls[@]} -gt 0 ] || { usage >&2; exit 64; }

repo=$(pwd)
work=$(mktemp -d); trap 'perf_stop; rm -rf "$work"' EXIT
. "$repo/tests/perf/lib.sh"
perf_database "$db_arg"
if [ "$db_arg" != seed ]; then cp "$db" "$work/copy.db"; db=$work/copy.db; fi

echo "publishing (Release)..." >&2
perf_publish
perf_start "$port" "$work/app.log" "${perf_unlimited[@]}" OutputCache__PageSeconds=1 OutputCache__ApiSeconds=1
base=http://127.0.0.1:$port
pid=$(pgrep -n -P "$app" 2>/dev/null || echo "$app")
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }   # user + system clock ticks
hz=$(getconf CLK_TCK)

perf_machine
echo "Database: $db_label. $requests requests per address after $warm to warm, 1.1 s apart, output-cache entries living 1 s."
echo

for u in "${urls[@]}"; do for _ in $(seq 1 "$warm"); do curl -sf -o /dev/null "$base$u"; sleep 1.1; done; done
c0=$(cpu); for _ in $(seq 1 "$requests"); do sleep 1.1; done; idle=$(( $(cpu) - c0 ))

echo "| address | CPU per request | wall per request (median) | load average before |"
echo "| --- | --- | --- | --- |"
for u in "${urls[@]}"; do
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  c0=$(cpu)
  walls=$(for _ in $(seq 1 "$requests"); do curl -sf -o /dev/null -w "%{time_total}\n" "$base$u"; sleep 1.1; done)
  used=$(( $(cpu) - c0 - idle ))
  printf '| `%s` | %s ms | %s ms | %s |\n' "$u" "$(awk -v t="$used" -v n="$requests" -v hz="$hz" 'BEGIN { printf "%.1f", t * 1000 / hz / n }')" \
    "$(echo "$walls" | median | awk '{ printf "%.0f", $1 * 1000 }')" "$load"
done
echo
echo "Idle process over $requests waits: $(( idle * 1000 / hz )) ms. Load average after: $(cut -d' ' -f1-3 /proc/loadavg)."
