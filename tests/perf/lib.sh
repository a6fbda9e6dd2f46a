# Shared by pages.sh and circuits.sh (sourced, not run): the database argument, a Release publish, the published app
# on 127.0.0.1 in Production, and its end when the script exits. Expects $repo (the checkout) and $work (a temp folder).

synthetic_db=/tmp/llmwatch-perf/synthetic-100000.db

# perf_database <--db value>: sets $db and $db_label. "seed" = a fresh file the app fills from data/ on start;
# empty = the 100k synthetic database, generated once (needs the generate command) and reused afterwards.
perf_database() {
  case "${1:-}" in
    seed) db=$work/seed.db; db_label="the seed (data/, imported on start)" ;;
    "")
      db=$synthetic_db
      if [ ! -f "$db" ]; then
        grep -q '"generate"' "$repo/src/LlmWatch.Web/Hosting/CommandLine.cs" ||
          { echo "no $db and this checkout has no generate command: pass --db seed or --db <file>" >&2; exit 64; }
        mkdir -p "$(dirname "$db")"
        echo "generating $db (once) ..." >&2
        dotnet run -c Release --project "$repo/src/LlmWatch.Web" -- generate --organizations 100000 --db "$db.partial" --seed 1 >&2
        mv "$db.partial" "$db"
      fi
      db_label="synthetic, 100,000 organisations (seed 1)" ;;
    *) db=$(realpath "$1"); [ -f "$db" ] || { echo "no database at $1" >&2; exit 64; }; db_label=$(basename "$db") ;;
  esac
}

# The per-client limits (README, "Doors") lifted, for scripts that measure speed from one client (loopback), not the limits.
perf_unlimited=(RateLimiting__Api__PermitLimit=1000000000 RateLimiting__Pages__BurstLimit=1000000 RateLimiting__Pages__PerSecond=1000000
  RateLimiting__Pages__CostlyConcurrency=1000 Circuits__Hub__MaxPerClient=100000 Circuits__Hub__MaxTotal=100000)

perf_publish() {
  publish=$work/app
  dotnet publish "$repo/src/LlmWatch.Web" -c Release -o "$publish" -v quiet -nologo >/dev/null
}

# perf_start <port> <log> [NAME=value ...]: starts the published app and waits for /healthz (up to 120 s).
perf_start() {
  local port=$1 log=$2; shift 2
  (cd "$publish" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
    ConnectionStrings__LlmWatch="Data Source=$db" Data__Directory="$repo/data" Hosting__HttpsRedirection=false \
    Serilog__MinimumLevel__Default=Warning "Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware=Warning" \
    "Serilog__WriteTo__1__Args__path=$work/logs/llmwatch-.log" "$@" \
    dotnet LlmWatch.Web.dll) > "$log" 2>&1 &
  app=$!
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return 0; sleep 0.5; done
  echo "the app did not become healthy; last lines of $log:" >&2; tail -20 "$log" >&2; exit 1
}

perf_stop() {
  [ -n "${app:-}" ] && kill "$app" 2>/dev/null && wait "$app" 2>/dev/null || true
  app=
}

perf_machine() {
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), .NET SDK $(dotnet --version); $(date -u '+%Y-%m-%d %H:%M UTC'); load average before the run $(cut -d' ' -f1-3 /proc/loadavg)."
}

# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
