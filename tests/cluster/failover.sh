#!/usr/bin/env bash
# Survive an instance dying, and the database going away (issue 18, item 6), through the proxy of tests/cluster/up.sh:
#  1. 60 s of the page/API mix (wrk with tests/perf/mix.lua, as tests/perf/load.sh) while instance 1 is killed with
#     SIGKILL at 20 s and started again at 40 s. Goal: 0 failed requests (haproxy retries idempotent GETs on the survivor),
#     and the restarted instance rejoins (haproxy sees it up and sends it requests again).
#  2. 30 s of the same mix while PostgreSQL is stopped at 10 s for 10 s. Goal: no answer is a 500, /healthz answers 503
#     meanwhile, and all is well after.
#  3. An open interactive page (/funding's picker island, a live circuit) whose instance is killed: tests/cluster/circuit-failover.mjs
#     (headless Chromium through the proxy) reports how the page got a live circuit back, on which instance and how fast.
# A request counts as failed when it gets no complete answer or a status other than 2xx/3xx. wrk waits up to 10 s for an
# answer (its default, 2 s, counted a slow 200 on a loaded machine as an error); the slowest answer is printed beside.
# FAILOVER_WRK_TIMEOUT=2s runs the same with wrk's default, for the stricter figure (tests/perf/RELIABILITY.md has both).
# Starts the cluster (up.sh --load-test) when it is not up; leaves it running (bash tests/cluster/down.sh stops it).
# Usage: bash tests/cluster/failover.sh [connections=16]. Bounded in time (~3 min plus the start); 127.0.0.1 only.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
connections=${1:-16}
wrk_timeout=${FAILOVER_WRK_TIMEOUT:-10s}
out=$CLUSTER_DIR/failover; mkdir -p "$out"
command -v wrk >/dev/null || { say "installing wrk with apt"; apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

if ! { app_alive 1 && app_alive 2 && alive "$CLUSTER_DIR/haproxy.pid" haproxy && pg_running; }; then
  bash "$repo/tests/cluster/up.sh" --load-test
fi
[ -f "$CLUSTER_DIR/load-test" ] || say "note: the cluster was started without --load-test: the per-client limits apply, expect 429s"
proxy=http://127.0.0.1:$proxy_port
stamp() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(stamp)" 'BEGIN { printf "%.1f", b - a }'; }
# haproxy's counters for a server of the "ready" backend: total requests, retries, redispatches (CSV fields 8, 16, 17).
counters() { curl -s -m 5 "http://127.0.0.1:$stats_port/stats;csv" | awk -F, -v s="$1" '$1 == "ready" && $2 == s { print "sessions=" $8 " retries=" $16 " redispatches=" $17 }'; }

say "warming up (10 s)"
wrk -t2 -c"$connections" -d10s -s "$repo/tests/perf/mix.lua" "$proxy" > "$out/warmup.txt"

# Phase 1 -------------------------------------------------------------------------------------------------------------
say "phase 1: 60 s of the mix at $connections connections; instance 1 killed (SIGKILL) at 20 s, started again at 40 s"
before1=$(counters app1)
t0=$(stamp)
(
  sleep 20
  kill -9 "$(cat "$CLUSTER_DIR/app1.pid")"
  echo "killed instance 1 at $(since "$t0") s; haproxy: app1 $(server_state ready app1)"
  for _ in $(seq 1 20); do [ "$(server_state ready app1)" = DOWN ] && break; sleep 0.25; done
  echo "haproxy marked it down at $(since "$t0") s"
  sleep $(awk -v t="$(since "$t0")" 'BEGIN { print (40 - t > 0) ? 40 - t : 0 }')
  app_start 1
  echo "started instance 1 again at $(since "$t0") s"
  for _ in $(seq 1 120); do [ "$(server_state ready app1)" = UP ] && break; sleep 0.5; done
  echo "haproxy sees it up again at $(since "$t0") s ($(server_state ready app1))"
  sessions_up=$(counters app1)
  sleep $(awk -v t="$(since "$t0")" 'BEGIN { print (59 - t > 0) ? 59 - t : 0 }')
  echo "app1 counters at rejoin: $sessions_up; at the end: $(counters app1)"
) > "$out/phase1-events.txt" 2>&1 &
events=$!
log_start=$(wc -l < "$CLUSTER_DIR/haproxy.log" 2>/dev/null || echo 0)
wrk -t2 -c"$connections" -d60s --timeout "$wrk_timeout" --latency -s "$repo/tests/perf/mix.lua" "$proxy" > "$out/phase1-wrk.txt"
wait $events || true
cat "$out/phase1-events.txt"
echo "app1 counters before the run: $before1"
grep -E "requests in|statuses:|latency p50|Non-2xx|Socket errors" "$out/phase1-wrk.txt"
echo "slowest answer: $(awk '$1 == "Latency" { print $4; exit }' "$out/phase1-wrk.txt")"
# haproxy logs the requests that ended in an error (option log-separate-errors): by termination state (e.g. SD: the server
# closed while the answer was being passed on; CD: the client went away) and status; "+1" retries means redispatched.
echo "haproxy's log of the run's requests that ended in an error (count, termination state, status, retries; none: nothing):"
tail -n +"$((log_start + 1))" "$CLUSTER_DIR/haproxy.log" | awk '$6 ~ /^[0-9-]+$/ && $10 ~ /^[a-zA-Z-]{4}$/ { n = split($11, c, "/"); print $10, "status=" $6, "retries=" c[n] }' \
  | sort | uniq -c | sed 's/^/  /' || true
wait_for "the restarted instance" "http://127.0.0.1:${app_ports[0]}/healthz" 200 60

# Phase 2 -------------------------------------------------------------------------------------------------------------
say "phase 2: 30 s of the mix; PostgreSQL stopped (pg_ctl -m fast) at 10 s and started again at 20 s"
t0=$(stamp)
(
  while [ "$(awk -v t="$(since "$t0")" 'BEGIN { print (t < 32) }')" = 1 ]; do
    echo "$(since "$t0") $(status_of "$proxy/healthz") $(status_of "http://127.0.0.1:${app_ports[0]}/healthz") $(status_of "http://127.0.0.1:${app_ports[1]}/healthz") $(status_of "$proxy/companies")"
    sleep 0.5
  done
) > "$out/phase2-health.txt" 2>&1 &
probe=$!
(
  sleep 10; pg_stop fast; echo "PostgreSQL stopped at $(since "$t0") s"
  sleep 10; pg_start; echo "PostgreSQL started at $(since "$t0") s"
) > "$out/phase2-events.txt" 2>&1 &
events=$!
wrk -t2 -c"$connections" -d30s --timeout "$wrk_timeout" --latency -s "$repo/tests/perf/mix.lua" "$proxy" > "$out/phase2-wrk.txt"
wait $events $probe || true
cat "$out/phase2-events.txt"
grep -E "requests in|statuses:|latency p50|Non-2xx|Socket errors" "$out/phase2-wrk.txt"
echo "probes (seconds, /healthz via the proxy, instance 1, instance 2, /companies via the proxy) while PostgreSQL was down:"
awk '$1 >= 10 && $1 < 21' "$out/phase2-health.txt" | awk '{ c[$2 " " $3 " " $4 " " $5]++ } END { for (k in c) print "  " k ": " c[k] }'
echo "first probe all 200 after the restart: $(awk '$1 >= 20 && $2 == 200 && $3 == 200 && $4 == 200 && $5 == 200 { print $1 " s"; exit }' "$out/phase2-health.txt")"
echo "500s in phase 2: $(grep -o ' 500=[0-9]*' "$out/phase2-wrk.txt" || echo none)"
# The rejoined instance takes its share over slowstart's 10 s, which can outlast phase 1: its counters after phase 2 show it served.
echo "app1 counters after phase 2 (it rejoined if sessions grew since phase 1's end): $(counters app1)"

# Phase 3 -------------------------------------------------------------------------------------------------------------
for n in 1 2; do app_alive $n || app_start $n; done
for n in 1 2; do wait_for "instance $n" "http://127.0.0.1:${app_ports[$((n - 1))]}/healthz" 200 120; done
for server in app1 app2; do for _ in $(seq 1 30); do [ "$(server_state ready $server)" = UP ] && break; sleep 0.5; done; done
say "phase 3: an open /funding page with a live circuit; the instance holding it killed (SIGKILL)"
[ -d "$repo/tests/cluster/node_modules/playwright-core" ] ||
  (cd "$repo/tests/cluster" && npm install --silent --no-audit --no-fund --no-save playwright-core@1.64.1 >/dev/null)
node "$repo/tests/cluster/circuit-failover.mjs" "$proxy" "$CLUSTER_DIR" | tee "$out/phase3-circuit.json" || true
for n in 1 2; do app_alive $n || { say "starting instance $n again"; app_start $n; }; done
for n in 1 2; do wait_for "instance $n" "http://127.0.0.1:${app_ports[$((n - 1))]}/healthz" 200 120; done
say "details in $out; the cluster is still up (bash tests/cluster/down.sh)"
