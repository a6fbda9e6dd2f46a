#!/usr/bin/env bash
# Stops exactly what tests/cluster/up.sh started — haproxy, the two instances, the PostgreSQL cluster — by the pid files in
# CLUSTER_DIR; nothing found by name. The data stay in CLUSTER_DIR for the next up.sh; --purge deletes the folder too.
# Usage: bash tests/cluster/down.sh [--purge]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[ "${1:-}" = "" ] || [ "${1:-}" = --purge ] || { echo "usage: bash tests/cluster/down.sh [--purge]" >&2; exit 64; }

if alive "$CLUSTER_DIR/haproxy.pid" haproxy; then say "stopping haproxy"; fi
stop_pid "$CLUSTER_DIR/haproxy.pid" haproxy
for n in 1 2; do
  if app_alive $n; then say "stopping instance $n"; fi
  stop_pid "$CLUSTER_DIR/app$n.pid" LlmWatch.Web.dll
done
if [ -n "$(pg_bin)" ] && [ -f "$pg_data/PG_VERSION" ] && pg_running; then say "stopping PostgreSQL"; pg_stop fast; fi
rm -f "$CLUSTER_DIR/load-test"
if [ "${1:-}" = --purge ]; then say "deleting $CLUSTER_DIR"; rm -rf "$CLUSTER_DIR"; fi
say "down"
