#!/usr/bin/env bash
# Managed memory per live Blazor circuit: N headless Chromium pages each hold the circuit of /funding's picker island;
# the heap is read after a full GC (/_diag/memory) before, with all open, and after closing them.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bash tests/perf/circuits.sh [--db seed|<file>] [--pages 50] [--path /funding] [--after 130] [--port 5089]

Publishes the app (Release), starts it on 127.0.0.1 in Production with the loopback-only /_diag/memory endpoint,
warms it up (a few requests, 3 circuits opened and closed), then reads the managed heap after a full compacting GC:
before; with --pages Chromium pages (/usr/bin/chromium, playwright-core) each holding a live circuit on --path
(waits for the island's [data-live=server][data-interactive=true]); after closing them, at 5 s, 30 s and --after seconds
(default 130: past the 60 s a disconnected circuit is retained and the 60 s its persisted state is, Circuits:DisconnectedRetentionSeconds). Prints a markdown
fragment for tests/perf/PERFORMANCE.md with (with - before) / pages per circuit; goal <= 250 KB (issue 14: Microsoft's figure for a minimal circuit; issue 6 had 500 KB).
--db: default the 100k synthetic database /tmp/llmwatch-perf/synthetic-100000.db (generated once if missing);
"seed" = a fresh database imported from data/. Logs: tests/perf/out/circuits-*.log. About 4 minutes.
EOF
}

db_arg=""; pages=50; path=/funding; after=130; port=5089
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db_arg=$2; shift 2 ;;
    --pages) pages=$2; shift 2 ;;
    --path) path=$2; shift 2 ;;
    --after) after=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 64 ;;
  esac
done

cd "$(dirname "$0")/../.."
repo=$(pwd); out=$repo/tests/perf/out; mkdir -p "$out"
work=$(mktemp -d); app=""; holder=""
source tests/perf/lib.sh
trap '[ -n "$holder" ] && kill "$holder" 2>/dev/null; perf_stop; rm -rf "$work"' EXIT
[ -x /usr/bin/chromium ] || { echo "chromium is missing: apt-get install -y chromium" >&2; exit 69; }
[ -d tests/perf/node_modules/playwright-core ] ||
  (cd tests/perf && npm install --silent --no-audit --no-fund --no-save playwright-core@1.64.1 >/dev/null)

machine=$(perf_machine)
perf_database "$db_arg"
perf_publish
perf_start "$port" "$out/circuits-app.log" "${perf_unlimited[@]}" Diagnostics__Enabled=true
base=http://127.0.0.1:$port
memory() { curl -sf "$base/_diag/memory"; }
field() { sed -E "s/.*\"$1\":([0-9]+).*/\1/"; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

for _ in 1 2 3 4 5; do curl -sf "$base$path" -o /dev/null; done
node tests/perf/circuits.mjs "$base$path" 3 1 > "$out/circuits-warmup.log" 2>&1
sleep 5
before_json=$(memory); before=$(field managedBytes <<<"$before_json")

opened=$(date +%s)
node tests/perf/circuits.mjs "$base$path" "$pages" 20 > "$out/circuits.log" 2>&1 &
holder=$!
for _ in $(seq 1 600); do grep -q "^ready" "$out/circuits.log" && break; kill -0 "$holder" 2>/dev/null || break; sleep 0.5; done
grep -q "^ready" "$out/circuits.log" || { echo "the circuits never became ready:" >&2; cat "$out/circuits.log" >&2; exit 1; }
open_seconds=$(( $(date +%s) - opened ))
with_json=$(memory); with=$(field managedBytes <<<"$with_json")
wait "$holder" || true; holder=""

series=""; last=0
for at in 5 30 "$after"; do
  sleep $((at - last)); last=$at
  value=$(memory | field managedBytes)
  series="$series / $(mb "$value") MB"
done
closed=$value

per=$(awk -v w="$with" -v b="$before" -v n="$pages" 'BEGIN { printf "%.0f", (w - b) / n / 1024 }')
verdict=$(awk -v p="$per" 'BEGIN { print p <= 250 ? "✔" : "✘" }')

cat <<EOF
### Memory per live circuit (\`bash tests/perf/circuits.sh${db_arg:+ --db $db_arg}\`)

$machine
Database: $db_label. App published (Release), Production. Managed heap after a full compacting GC (\`/_diag/memory\`),
warmed up first; $pages headless Chromium pages on \`$path\`, each waited for until interactive (opened in ${open_seconds} s).

| measure | result | goal |
| --- | --- | --- |
| managed heap before | $(mb "$before") MB | — |
| with $pages live circuits | $(mb "$with") MB (working set $(mb "$(field workingSetBytes <<<"$with_json")") MB) | — |
| per circuit, (with − before) / $pages | $per KB | ≤ 250 KB $verdict |
| after closing: 5 s / 30 s / ${after} s | ${series# / } | back near the start ($(awk -v a="$closed" -v b="$before" 'BEGIN { printf "%+.1f", (a - b) * 100 / b }') %) |
EOF
