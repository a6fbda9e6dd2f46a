# Shared by up.sh, down.sh and failover.sh (sourced, not run): where the cluster keeps its state, its loopback ports, and
# how its parts are started and stopped. Every part is remembered by a pid file in $CLUSTER_DIR, so down.sh stops exactly
# what up.sh started and nothing else.
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CLUSTER_DIR=${CLUSTER_DIR:-$repo/tests/cluster/.run}
mkdir -p "$CLUSTER_DIR"
CLUSTER_DIR=$(cd "$CLUSTER_DIR" && pwd)
proxy_port=${CLUSTER_PROXY_PORT:-5103}
stats_port=${CLUSTER_STATS_PORT:-5106}
app_ports=(${CLUSTER_APP_PORTS:-5104 5105})
pg_port=${CLUSTER_PG_PORT:-54361}
pg_data=$CLUSTER_DIR/pg/data
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=llmwatch"

say() { echo "[cluster] $*"; }

# The newest PostgreSQL binaries Debian installed (postgresql-15 and later).
pg_bin() { for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && echo "$d"; done | sort -V | tail -n 1; }

# initdb and the server refuse to run as root: as root the cluster belongs to the unprivileged user nobody.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }

pg_running() { [ -f "$pg_data/postmaster.pid" ] && as_pg "$(pg_bin)/pg_ctl" -D "$pg_data" status >/dev/null 2>&1; }

pg_start() {
  as_pg "$(pg_bin)/pg_ctl" -D "$pg_data" -l "$CLUSTER_DIR/pg/server.log" -w -t 60 \
    -o "-p $pg_port -k $CLUSTER_DIR/pg -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
}

pg_stop() { as_pg "$(pg_bin)/pg_ctl" -D "$pg_data" -m "${1:-fast}" -w stop >/dev/null; }

# alive <pid file> <text in its command line>: whether the process the file names still runs and is the one we started.
alive() {
  local pid
  [ -f "$1" ] || return 1
  pid=$(cat "$1")
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$2"
}

# stop_pid <pid file> <text in its command line>: SIGTERM, up to 15 s for a clean end, then SIGKILL.
stop_pid() {
  if alive "$1" "$2"; then
    local pid; pid=$(cat "$1")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do alive "$1" "$2" || break; sleep 0.5; done
    alive "$1" "$2" && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$1"
}

# app_start <n>: instance n (1-based) from the publish in $CLUSTER_DIR/app, in Production, on its loopback port.
app_start() {
  local n=$1 port=${app_ports[$(($1 - 1))]} extra=()
  # A load test comes from one address (loopback): up.sh --load-test lifts the per-client limits, as tests/perf does.
  if [ -f "$CLUSTER_DIR/load-test" ]; then
    # shellcheck source=../perf/lib.sh
    source "$repo/tests/perf/lib.sh"
    extra=("${perf_unlimited[@]}")
  fi
  (cd "$CLUSTER_DIR/app" && exec setsid env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
    Database__Provider=PostgreSQL ConnectionStrings__LlmWatch="$connection" Database__SharedKeys=true \
    Data__Directory="$repo/data" Hosting__HttpsRedirection=false Hosting__ForwardedHeaders=true Hosting__KnownProxies__0=127.0.0.1 \
    Serilog__WriteTo__1__Args__path="$CLUSTER_DIR/logs/app$n-.log" \
    "Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware=Warning" "${extra[@]}" \
    dotnet LlmWatch.Web.dll >> "$CLUSTER_DIR/app$n.out" 2>&1 < /dev/null) &
  echo $! > "$CLUSTER_DIR/app$n.pid"
}

app_alive() { alive "$CLUSTER_DIR/app$1.pid" LlmWatch.Web.dll; }

# status_of <url>: the HTTP status, or 000 when nothing answers.
status_of() { curl -s -o /dev/null -m 10 -w '%{http_code}' "$1" || true; }

# wait_for <what> <url> <status> <seconds>
wait_for() {
  for _ in $(seq 1 $(($4 * 2))); do [ "$(status_of "$2")" = "$3" ] && return 0; sleep 0.5; done
  echo "[cluster] $1 did not answer $3 at $2 within $4 s" >&2
  return 1
}

# haproxy's own view of a server: UP, DOWN, MAINT … (from its CSV statistics).
server_state() { curl -s -m 5 "http://127.0.0.1:$stats_port/stats;csv" | awk -F, -v b="$1" -v s="$2" '$1 == b && $2 == s { print $18 }'; }
