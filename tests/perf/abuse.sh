#!/usr/bin/env bash
# Abuse (issue 13): reruns the probe's table against the published app over the 100k synthetic database, on 127.0.0.1 only
# and bounded in time, with the default limits (README, "Doors"), and prints one line per row for tests/perf/RELIABILITY.md.
# Usage: bash tests/perf/abuse.sh [flood seconds=60] [flood connections=64] [--db seed|<file>]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}; connections=${2:-64}; db_arg=""
[ "${3:-}" = "--db" ] && db_arg=${4:-}
port=5101; repo=$(pwd); out=tests/perf/out; mkdir -p "$out"
work=$(mktemp -d); trap 'perf_stop; rm -rf "$work"' EXIT
source tests/perf/lib.sh
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

perf_database "$db_arg"
echo "publishing (Release)..." >&2
perf_publish
perf_start "$port" "$out/abuse-app.log" Diagnostics__Enabled=true "Serilog__MinimumLevel__Override__LlmWatch=Information"
base=http://127.0.0.1:$port
pid=$(pgrep -f "dotnet LlmWatch.Web.dll" -n -P "$app" 2>/dev/null || echo "$app")
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }   # user + system clock ticks
hz=$(getconf CLK_TCK)
row() { printf '| %s | %s |\n' "$1" "$2"; }

perf_machine
echo "Database: $db_label. Flood: $connections connections, $seconds s."
echo
echo "| what was tried | what happens now |"
echo "| --- | --- |"

# 1. Costly URLs: time and CPU each, one at a time (warm first).
for u in /funding /companies.csv "/companies?q=zq" "/funding?page=9999"; do curl -s -o /dev/null "$base$u"; done
sleep 2
line=""
for u in /funding /companies.csv "/companies?q=zq" "/funding?page=9999"; do
  c0=$(cpu); r=$(curl -s -o /dev/null -w "%{http_code} %{time_total}" "$base$u"); c1=$(cpu)
  line+="\`$u\` $(echo "$r" | cut -d' ' -f1) in $(echo "$r" | awk '{printf "%.2f s", $2}'), CPU $(( (c1 - c0) * 1000 / hz )) ms; "
  sleep 1
done
row "costly URLs, one each" "$line"

# 2. Ten /funding requests abandoned after 0.1 s: CPU the server still spends in the 5 s after.
c0=$(cpu); pids=()
for _ in $(seq 1 10); do curl -s -o /dev/null -m 0.1 "$base/funding?camp=general" & pids+=($!); done
wait "${pids[@]}" || true
c1=$(cpu); sleep 5; c2=$(cpu)
row "10 \`/funding\` requests abandoned after 0.1 s" "CPU while they ran $(( (c1 - c0) * 1000 / hz )) ms; in the 5 s after they were abandoned $(( (c2 - c1) * 1000 / hz )) ms"

# 4. The hub: origin, per-client cap.
evil=$(curl -s -o /dev/null -w "%{http_code}" -H "Connection: Upgrade" -H "Upgrade: websocket" -H "Sec-WebSocket-Version: 13" \
  -H "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==" -H "Origin: http://evil.example" "$base/_blazor")
hub_pids=()
# 40 WebSocket upgrades held open from one address (bash's /dev/tcp; each socket stays open until the script moves on).
for i in $(seq 1 40); do
  ( exec 3<>/dev/tcp/127.0.0.1/$port
    printf 'GET /_blazor HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: %s\r\n\r\n' "$port" "$base" >&3
    timeout 3 head -1 <&3 | awk '{print $2}' >> "$work/hub-codes"; sleep 4 ) & hub_pids+=($!)
done
wait "${hub_pids[@]}" || true
hub_open=$(grep -c '^101' "$work/hub-codes" || true); hub_refused=$(grep -c '^429' "$work/hub-codes" || true)
row "the hub" "WebSocket with \`Origin: http://evil.example\`: $evil; 40 raw WebSockets from one address: $hub_open opened, $hub_refused refused (cap 8 per client)"

# 5. Hosts, redirects, methods, statuses; stack traces in the log.
traces() { cat "$work/logs/"*.log 2>/dev/null | grep -c "   at " || true; }
traces0=$(traces)
empty=$(curl -s -o /dev/null -w "%{http_code}" -H "Host:" "$base/")
long=$(curl -s -o /dev/null -w "%{http_code}" -H "Host: $(printf 'a%.0s' $(seq 1 300))" "$base/")
old=$(printf 'GET / HTTP/1.0\r\n\r\n' | timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port; cat >&3; head -1 <&3" | awk '{print $2}' || true)
redirect=$(curl -s -o /dev/null -w "%{http_code} → %{redirect_url}" "$base/culture/set?culture=en&redirectUri=/%09/x")
evilhost=$(curl -s -o /dev/null -w "%{http_code}" -H "Host: evil.example" "$base/companies.csv")
traces1=$(traces)
row "bad hosts and redirects" "empty Host $empty, 300-character Host $long, HTTP/1.0 without Host $old, \`redirectUri=/%09/x\` $redirect, \`Host: evil.example\` on the CSV $evilhost; stack-trace lines logged: $(( traces1 - traces0 ))"
put=$(curl -s -o /dev/null -w "%{http_code} Allow: %header{allow}" -X PUT "$base/api/companies")
del=$(curl -s -o /dev/null -w "%{http_code}" -X DELETE "$base/api/companies")
row "methods and statuses" "PUT $put, DELETE $del; \`/error\` $(curl -s -o /dev/null -w "%{http_code}" "$base/error"), \`/not-found\` $(curl -s -o /dev/null -w "%{http_code}" "$base/not-found"); \`/funding?page=9999\` $(curl -s -o /dev/null -w "%{http_code}" "$base/funding?page=9999") (empty page with a notice)"

# 6. The flood: one client, the costliest URL, while /healthz and a cached API answer are sampled.
curl -s -o /dev/null "$base/api/sources"   # cached from here on
( end=$((SECONDS + seconds)); while [ $SECONDS -lt $end ]; do
    curl -s -o /dev/null -w "h %{time_total}\n" "$base/healthz"; curl -s -o /dev/null -w "c %{time_total}\n" "$base/api/sources"; sleep 0.3
  done > "$work/samples" ) &
sampler=$!
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
wrk -t2 -c"$connections" -d"${seconds}s" --latency "$base/funding" > "$work/wrk" 2>&1 || true
wait "$sampler" || true
p99() { grep "^$1 " "$work/samples" | awk '{print $2 * 1000}' | sort -g | awk '{ v[NR] = $1 } END { i = int(NR * 0.99); if (i < 1) i = 1; printf "%.0f ms (%d samples)", v[i], NR }'; }
statuses=$(grep -E "Non-2xx|Requests/sec|requests in" "$work/wrk" | tr -s ' ' | tr '\n' ';')
hp=$(p99 h); cp=$(p99 c)
ok() { [ "${1%% *}" -le 100 ] && echo "✔" || echo "✘"; }
row "one client flooding \`/funding\` at $connections connections for $seconds s (load average before $load_before)" \
  "wrk: $statuses /healthz p99 $hp $(ok "$hp"); cached \`/api/sources\` p99 $cp $(ok "$cp") (goal ≤ 100 ms)"

# 3. The API (last: its 400 requests use up this client's API limit): junk parameters, deep pages, overflow, 400 requests in a row from one address.
junk=$(curl -s -o /dev/null -w "%{http_code}" "$base/api/companies?junk=$RANDOM")
deep=$(curl -s -o /dev/null -w "%{http_code} %{time_total}" "$base/api/companies?page=9999&pageSize=100")
overflow=$(curl -s -o /dev/null -w "%{http_code}" "$base/api/companies?page=2147483647&pageSize=1000")
codes=$(for i in $(seq 1 400); do curl -s -o /dev/null -w "%{http_code}\n" "$base/api/events?pageSize=$(( i % 50 + 1 ))"; done | sort | uniq -c | awk '{printf "%s × %s, ", $1, $2}')
row "the API" "junk parameter $junk; \`page=9999&pageSize=100\` $(echo "$deep" | awk '{printf "%s in %.3f s", $1, $2}'); \`page=2147483647&pageSize=1000\` $overflow; 400 requests in a row: ${codes%, }"

echo
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)."
