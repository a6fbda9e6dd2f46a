#!/usr/bin/env bash
# Lighthouse (issue 6, part 5; issue 14): mobile scores of every page in the navigation (Components/Layout/NavPages.cs) and a
# company profile, served by a Release publish in Production over plain http on 127.0.0.1.
# Goal (issue 14): performance >= 95 and TBT <= 150 ms on each; accessibility 100, best practices 100.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bash tests/perf/lighthouse.sh [--db FILE] [--runs N] [--port PORT] [PATH ...]

  --db FILE   run against a copy of this SQLite database (default: the seed database, made on first start)
  --runs N    Lighthouse runs per page; the median performance score is reported (default: 3)
  --port P    port on 127.0.0.1 for the app (default: 5097)
  PATH ...    pages to measure (default: every page in NavPages.cs, then /companies/zhipu-ai)

Publishes src/LlmWatch.Web in Release, starts it in Production over a temporary copy of the database, warms it up,
runs Lighthouse 12.2.3 (mobile preset) with /usr/bin/chromium, writes JSON and HTML reports to tests/perf/out/
and prints a markdown table. The app is stopped on exit.
EOF
}

db_source=""; runs=3; port=5097; paths=()
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db_source=$(realpath "$2"); shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    -*) usage >&2; exit 2 ;;
    *) paths+=("$1"); shift ;;
  esac
done
cd "$(dirname "$0")/../.."
if [ ${#paths[@]} -eq 0 ]; then
  mapfile -t paths < <(grep -oE 'new\("/[^"]*"' src/LlmWatch.Web/Components/Layout/NavPages.cs | sed -E 's/^new\("//; s/"$//')
  paths+=(/companies/zhipu-ai)
fi
repo=$(pwd); out=$repo/tests/perf/out; mkdir -p "$out"
lighthouse=$repo/tests/perf/node_modules/.bin/lighthouse
export CHROME_PATH=/usr/bin/chromium
[ -x "$CHROME_PATH" ] || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
if [ "$("$lighthouse" --version 2>/dev/null)" != "12.2.3" ]; then
  (cd tests/perf && npm install --silent --no-audit --no-fund --no-save --no-package-lock lighthouse@12.2.3 >/dev/null)
fi

work=$(mktemp -d); app=""
trap '[ -n "$app" ] && kill "$app" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
db=$work/llmwatch.db
if [ -n "$db_source" ]; then
  cp "$db_source" "$db"
  [ ! -f "$db_source-wal" ] || cp "$db_source-wal" "$db-wal"   # changes not yet checkpointed into the file
fi

echo "publishing (Release)..." >&2
dotnet publish src/LlmWatch.Web -c Release -o "$work/app" -v quiet -nologo >/dev/null
# Production as deployed, but over http on loopback: the HTTPS redirect is off here (no certificate), HSTS is https-only anyway.
(cd "$work/app" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
  ConnectionStrings__LlmWatch="Data Source=$db" Data__Directory="$repo/data" Hosting__HttpsRedirection=false \
  RateLimiting__Pages__BurstLimit=1000000 RateLimiting__Pages__PerSecond=1000000 \
  Serilog__MinimumLevel__Default=Warning dotnet LlmWatch.Web.dll) > "$out/lighthouse-app.log" 2>&1 &
app=$!
base=http://127.0.0.1:$port
for _ in $(seq 1 240); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.5; done
curl -sf "$base/healthz" >/dev/null || { echo "the app did not become healthy" >&2; tail -20 "$out/lighthouse-app.log" >&2; exit 1; }

# Warm-up: JIT, compiled queries and caches are filled before anything is measured.
for _ in 1 2 3 4 5; do
  for path in "${paths[@]}"; do curl -sf -o /dev/null "$base$path"; done
done

rows=""
for path in "${paths[@]}"; do
  name=$(echo "$path" | sed -E 's#^/$#overview#; s#^/##; s#/#-#g')
  for run in $(seq 1 "$runs"); do
    echo "lighthouse $path, run $run of $runs..." >&2
    "$lighthouse" "$base$path" --quiet --output=json --output=html --output-path="$out/$name-$run" \
      --chrome-flags="--headless=new --no-sandbox" >/dev/null 2>>"$out/lighthouse-cli.log" || true
  done
  rows+=$(node - "$path" "$out" "$name" "$runs" "$work/benchmark" <<'EOF'
const fs = require('fs');
const [path, out, name, runs, benchmark] = process.argv.slice(2);
const reports = [];
for (let i = 1; i <= +runs; i++) {
  try { reports.push(JSON.parse(fs.readFileSync(`${out}/${name}-${i}.report.json`, 'utf8'))); } catch { }
}
// Lighthouse's own CPU benchmark for each run: the same page scores lower when other work slows this machine down.
if (reports.length) fs.appendFileSync(benchmark, reports.map(r => Math.round(r.environment.benchmarkIndex)).join('\n') + '\n');
if (!reports.length) { console.log(`| ${path} | no report | | | | | | |`); process.exit(0); }
const score = (r, c) => r.categories[c].score == null ? NaN : Math.round(r.categories[c].score * 100);
const sorted = [...reports].sort((a, b) => score(a, 'performance') - score(b, 'performance'));
const median = sorted[Math.floor((sorted.length - 1) / 2)];
const audit = (id) => median.audits[id].displayValue ?? '';
const all = reports.map(r => score(r, 'performance')).join(', ');
console.log(`| ${path} | ${score(median, 'performance')} (${all}) | ${score(median, 'accessibility')} | ${score(median, 'best-practices')} | ` +
  `${audit('largest-contentful-paint')} | ${audit('total-blocking-time')} | ${audit('cumulative-layout-shift')} | ${audit('first-contentful-paint')} |`);
// What kept the median run from full marks, for the reader of the log.
const failing = [];
for (const [id, cat] of Object.entries(median.categories)) {
  for (const ref of cat.auditRefs) {
    const a = median.audits[ref.id];
    if (ref.weight > 0 && a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative')
      failing.push(`${id}: ${ref.id} (${a.score}) ${a.displayValue ?? ''}`);
  }
}
fs.writeFileSync(`${out}/${name}-failing.txt`, failing.join('\n') + '\n');
EOF
)$'\n'
done

echo
echo "| URL | performance: median (runs) | accessibility | best practices | LCP | TBT | CLS | FCP |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s' "$rows"
echo
echo "Machine: $(nproc) cores, $(lscpu | sed -nE 's/^Model name: +//p'), load $(cut -d' ' -f1-3 /proc/loadavg), Lighthouse benchmarkIndex $(sort -n "$work/benchmark" | sed -n '1p;$p' | paste -sd '-')" \
  "(higher is faster); Lighthouse 12.2.3 mobile; $(chromium --version 2>/dev/null)."
echo "Reports: tests/perf/out/*.report.{json,html}; audits below full marks in the median run: tests/perf/out/*-failing.txt"
