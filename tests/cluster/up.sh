#!/usr/bin/env bash
# A local cluster anyone can start (issue 18): a PostgreSQL 15 cluster of its own, two app instances in Production from a
# `dotnet publish`, and Debian's haproxy in front — health checks on /healthz, idempotent GETs retried on the survivor,
# cookie affinity so that a live circuit's /_blazor traffic stays on the instance that holds it. All on 127.0.0.1, all state
# in CLUSTER_DIR (default tests/cluster/.run/, git-ignored). Prints `proxy: http://127.0.0.1:<port>` last, once all answer.
# Usage: bash tests/cluster/up.sh [--load-test]
#   --load-test  lift the per-client rate limits (a load generator is one client on loopback; failover.sh uses it)
# Ports (env): CLUSTER_PROXY_PORT=5103, CLUSTER_APP_PORTS="5104 5105", CLUSTER_STATS_PORT=5106 (haproxy's statistics),
# CLUSTER_PG_PORT=54361. Stop it with: bash tests/cluster/down.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"

case "${1:-}" in
  "") rm -f "$CLUSTER_DIR/load-test" ;;
  --load-test) touch "$CLUSTER_DIR/load-test" ;;
  *) echo "usage: bash tests/cluster/up.sh [--load-test]" >&2; exit 64 ;;
esac

# 1. What is missing, from Debian.
missing=()
[ -n "$(pg_bin)" ] || missing+=(postgresql-15)
command -v haproxy >/dev/null || missing+=(haproxy)
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "[cluster] missing ${missing[*]}: install them (apt-get install ${missing[*]}) or run as root" >&2; exit 1; }
  say "installing ${missing[*]} with apt"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts a packaged server of its own where systemd runs; this cluster uses none of it.
fi
mkdir -p "$CLUSTER_DIR/pg" "$CLUSTER_DIR/logs"

# 2. PostgreSQL: a cluster of its own, owned by an unprivileged user, answering on loopback only (trust, as nothing else can reach it).
if [ ! -f "$pg_data/PG_VERSION" ]; then
  say "initdb: a new PostgreSQL cluster in $pg_data ($("$(pg_bin)/postgres" --version))"
  [ "$(id -u)" = 0 ] && chown nobody "$CLUSTER_DIR/pg"
  as_pg "$(pg_bin)/initdb" -D "$pg_data" -U postgres -A trust -E UTF8 --locale=C --lc-ctype=C.UTF-8 >/dev/null
fi
if pg_running; then say "PostgreSQL already runs on 127.0.0.1:$pg_port"; else say "starting PostgreSQL on 127.0.0.1:$pg_port"; pg_start; fi

# 3. The app, published as it is deployed (again only when the sources changed since).
dll=$CLUSTER_DIR/app/LlmWatch.Web.dll
if [ ! -f "$dll" ] || [ -n "$(find "$repo/src" -newer "$dll" -type f -not -path '*/bin/*' -not -path '*/obj/*' -print -quit)" ]; then
  say "dotnet publish -c Release into $CLUSTER_DIR/app (a few minutes the first time)"
  dotnet publish "$repo/src/LlmWatch.Web" -c Release -o "$CLUSTER_DIR/app" -v quiet -nologo >/dev/null
fi

# 4. Two instances at once: they take turns to migrate and import the seed into the new database (an advisory lock).
for n in 1 2; do
  if app_alive $n; then say "instance $n already runs on 127.0.0.1:${app_ports[$((n - 1))]}"
  else say "starting instance $n on 127.0.0.1:${app_ports[$((n - 1))]} (log: $CLUSTER_DIR/app$n.out)"; app_start $n; fi
done
for n in 1 2; do wait_for "instance $n" "http://127.0.0.1:${app_ports[$((n - 1))]}/healthz" 200 180; done

# 5. haproxy. "ready" serves while an instance's /healthz says 200; when none does (the database is down), "answering" lets
# the instances themselves answer — the unavailable notice and /healthz 503 — instead of haproxy's own error page.
cat > "$CLUSTER_DIR/haproxy.cfg" <<CFG
global
    maxconn 4096
    log stdout format raw local0 warning

defaults
    mode http
    log global
    option httplog
    # Requests that failed, were retried or redispatched are logged (at "err"); the others are not (below "warning").
    option log-separate-errors
    option forwardfor
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout tunnel 1h          # a live circuit's WebSocket
    timeout http-keep-alive 10s
    # An instance that refuses the connection, closes it or says nothing: try again on the other (redispatch on every retry).
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response junk-response response-timeout
    # Health checks every second (down after 2 failures, up after 2 successes); besides, a connection refused or reset in live
    # traffic marks the instance down at once (observe layer4), so that no retry is sent back to a dead instance in the second
    # or two before its checks fail. A rejoining instance gets its share of requests over 10 s (slowstart), not at once while
    # it is still cold (JIT, first queries): a cold instance under half the load answered in over 2 s.
    default-server inter 1s fall 2 rise 2 observe layer4 error-limit 1 on-error mark-down slowstart 10s
    # A check may wait 3 s for /healthz's answer once connected (without it, the whole check had the 1 s interval): a cold,
    # just restarted instance on a loaded machine answered its first checks in over 1 s and flapped (UP 1/2). Connecting
    # still times out at min(timeout connect, inter) = 1 s, and a killed instance refuses at once: its death is seen as fast.
    timeout check 3s

frontend web
    bind 127.0.0.1:$proxy_port
    # Only a GET or HEAD is sent twice: a form post that reached an instance is never replayed on another.
    http-request disable-l7-retry if !METH_GET !METH_HEAD
    use_backend answering if { nbsrv(ready) eq 0 }
    default_backend ready

backend ready
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    # Affinity: the page that started a circuit and its /_blazor connection go to the same instance.
    cookie lw-instance insert indirect nocache httponly
    server app1 127.0.0.1:${app_ports[0]} check cookie app1
    server app2 127.0.0.1:${app_ports[1]} check cookie app2

backend answering
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect rstatus ^(200|503)$
    cookie lw-instance insert indirect nocache httponly
    server app1 127.0.0.1:${app_ports[0]} check cookie app1
    server app2 127.0.0.1:${app_ports[1]} check cookie app2

listen stats
    bind 127.0.0.1:$stats_port
    stats enable
    stats uri /stats
    stats refresh 5s
CFG
haproxy -c -q -f "$CLUSTER_DIR/haproxy.cfg"
if alive "$CLUSTER_DIR/haproxy.pid" haproxy; then
  say "reloading haproxy's configuration"
  kill -USR2 "$(cat "$CLUSTER_DIR/haproxy.pid")"
else
  say "starting haproxy on 127.0.0.1:$proxy_port (statistics: http://127.0.0.1:$stats_port/stats)"
  (exec setsid haproxy -W -f "$CLUSTER_DIR/haproxy.cfg" >> "$CLUSTER_DIR/haproxy.log" 2>&1 < /dev/null) &
  echo $! > "$CLUSTER_DIR/haproxy.pid"
fi
for server in app1 app2; do
  for _ in $(seq 1 20); do [ "$(server_state ready $server)" = UP ] && break; sleep 0.5; done
  [ "$(server_state ready $server)" = UP ] || { echo "[cluster] haproxy does not see $server as up" >&2; exit 1; }
done
wait_for "the proxy" "http://127.0.0.1:$proxy_port/healthz" 200 30
wait_for "the proxy" "http://127.0.0.1:$proxy_port/companies" 200 30
echo "proxy: http://127.0.0.1:$proxy_port"
