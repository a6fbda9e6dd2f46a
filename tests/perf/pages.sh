#!/usr/bin/env bash
# How close the app comes to the limit of its own server: a prerendered page and an API list against byte-identical
# static copies served by the same Kestrel (/_perf/, Perf:StaticDirectory), with wrk on 127.0.0.1.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bash tests/perf/pages.sh [--db seed|<file>] [--seconds 20] [--rounds 3] [--connections 32] [--port 5088]

Publishes the app (Release), starts it on 127.0.0.1 in Production with the API rate limit out of the way and
Perf:StaticDirectory set, saves the exact bytes of
  /companies?camp=general&sort=valuation&page=3     (the page as readers get it, then rendered every time: tests/perf/uncached.lua)
  /api/companies?camp=general&page=3                (API list; answered from the output cache after the first)
as static files, then runs wrk (-t2 -c32 -d20s --latency) alternating app / static copy, 3 rounds each, and prints
a markdown fragment for tests/perf/PERFORMANCE.md: medians of rps, p50 and p99, the ratios app/static (goals: page
>= 10 %, API >= 30 %) and the page's p99 (goal <= 100 ms).
--db: default the 100k synthetic database /tmp/llmwatch-perf/synthetic-100000.db (generated once if missing);
"seed" = a fresh database imported from data/. Raw wrk output: tests/perf/out/pages-*.txt. About 5 minutes.
EOF
}

db_arg=""; seconds=20; rounds=3; connections=32; port=5088
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db_arg=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 64 ;;
  esac
done

cd "$(dirname "$0")/../.."
repo=$(pwd); out=$repo/tests/perf/out; mkdir -p "$out"
work=$(mktemp -d); app=""
source tests/perf/lib.sh
trap 'perf_stop; rm -rf "$work"' EXIT
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 69; }

machine=$(perf_machine)
perf_database "$db_arg"
perf_publish
mkdir -p "$work/static"
perf_start "$port" "$out/pages-app.log" "${perf_unlimited[@]}" Perf__StaticDirectory="$work/static"
base=http://127.0.0.1:$port

page=/companies?camp=general\&sort=valuation\&page=3
api=/api/companies?camp=general\&page=3
curl -sf "$base$page" -o "$work/static/page.html"
curl -sf "$base$api" -o "$work/static/api.json"
page_bytes=$(stat -c %s "$work/static/page.html"); api_bytes=$(stat -c %s "$work/static/api.json")
# Whether the page's answer is kept by the output cache (a static page is; one with interactive markers is rendered every time).
page_cached=$(curl -sf -D - -o /dev/null "$base$page" | grep -qi '^age:' && echo "yes (served from the output cache)" || echo "no (rendered for every request: it holds request-bound markers)")
# Sanity: the copies are what wrk will receive from the app (no compression asked by either tool).
cmp -s "$work/static/api.json" <(curl -sf "$base/_perf/api.json") || { echo "the static copy is not served" >&2; exit 1; }

# rps p50(ms) p99(ms) non-2xx of one wrk output
summary() {
  awk 'function ms(v) { if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000; if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0;
                        if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000; if (v ~ /m$/) return substr(v, 1, length(v) - 1) * 60000; return v }
       /Requests\/sec:/ { rps = $2 } /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /Non-2xx/ { bad += $NF }
       /Socket errors/ { gsub(",", ""); bad += $4 + $6 + $8 + $10 }
       END { printf "%s %s %s %d\n", rps, p50, p99, bad }' "$1"
}

run() { # name url round [wrk script: the url is then the page the script varies]
  local file=$out/pages-$1-$3.txt
  if [ -n "${4:-}" ]; then
    PAGE="$2" wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency -s "$4" "$base" > "$file"
  else
    wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency "$base$2" > "$file"
  fi
  read -r rps p50 p99 bad < <(summary "$file")
  echo "$1 $rps $p50 $p99 $bad" >> "$work/results"
  [ "$bad" = 0 ] || echo "warning: $bad non-2xx answers or socket errors (timeouts included) in $file" >&2
}

# Warm-up (JIT, query plans, caches), not counted.
wrk -t2 -c"$connections" -d5s --timeout 10s "$base$page" > "$out/pages-warmup-page.txt"
wrk -t2 -c"$connections" -d5s --timeout 10s "$base$api" > "$out/pages-warmup-api.txt"
for round in $(seq 1 "$rounds"); do
  run page "$page" "$round"; run page-uncached "$page" "$round" "$repo/tests/perf/uncached.lua"; run page-static /_perf/page.html "$round"
done
for round in $(seq 1 "$rounds"); do run api "$api" "$round"; run api-static /_perf/api.json "$round"; done

med() { awk -v n="$1" -v c="$2" '$1 == n { print $c }' "$work/results" | median; }
runs() { awk -v n="$1" '$1 == n { printf "%s%.0f", sep, $2; sep = " / " }' "$work/results"; }
errors() { awk -v n="$1" '$1 == n { e += $5 } END { print e + 0 }' "$work/results"; }
row() { printf '| %s | %.0f | %s | %.1f | %.1f | %s |\n' "$2" "$(med "$1" 2)" "$(runs "$1")" "$(med "$1" 3)" "$(med "$1" 4)" "$(errors "$1")"; }
ratio() { awk -v a="$(med "$1" 2)" -v b="$(med "$2" 2)" 'BEGIN { printf "%.1f", a * 100 / b }'; }
verdict() { awk -v v="$1" -v g="$2" -v dir="$3" 'BEGIN { ok = dir == "min" ? v >= g : v <= g; print ok ? "✔" : "✘" }'; }
page_ratio=$(ratio page page-static); api_ratio=$(ratio api api-static); page_p99=$(med page 4)
uncached_ratio=$(ratio page-uncached page-static); uncached_p99=$(med page-uncached 4)

cat <<EOF
### Pages and API against the server's own limit (\`bash tests/perf/pages.sh${db_arg:+ --db $db_arg}\`)

$machine
Database: $db_label. wrk -t2 -c$connections -d${seconds}s --timeout 10s --latency on 127.0.0.1, app and static copy alternated, $rounds rounds each after a 5 s warm-up;
the app published (Release), Production, request logging at Warning, API rate limit lifted for the run. The static copies are the
exact bytes the app sent (page $page_bytes B, API $api_bytes B), served by the same Kestrel and middleware at \`/_perf/\`.
Page answer kept by the output cache: $page_cached.

| target | requests/s (median) | each round | p50 ms | p99 ms | errors (non-2xx, socket) |
| --- | --- | --- | --- | --- | --- |
$(row page "page \`$page\` (as readers get it)")
$(row page-uncached "the same page rendered for every request (a new \`Q=\` each time: never answered from the cache, ignored by the page)")
$(row page-static "its static copy")
$(row api "API \`$api\`")
$(row api-static "its static copy")

| measure | result | goal |
| --- | --- | --- |
| page / static, as readers get it (from the output cache when it keeps the page) | $page_ratio % | ≥ 60 % $(verdict "$page_ratio" 60 min) |
| page / static, rendered every time | $uncached_ratio % | ≥ 10 % $(verdict "$uncached_ratio" 10 min) |
| its p99 rendered every time | $(printf '%.1f' "$uncached_p99") ms | — |
| API / static | $api_ratio % | ≥ 30 % $(verdict "$api_ratio" 30 min) |
| page p99 | $(printf '%.1f' "$page_p99") ms | ≤ 100 ms $(verdict "$page_p99" 100 max) |

Raw wrk output: \`tests/perf/out/pages-*.txt\`.
EOF
