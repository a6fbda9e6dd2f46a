#!/usr/bin/env bash
# Query benchmarks (BenchmarkDotNet) at 10k, 100k and 1M organisations: directory, profile, funding by quarter,
# 2- and 4-character search, and the trigram index against a LIKE scan. Generates the databases first when missing.
#
#   bash tests/perf/bench.sh                # all sizes (about 25 minutes, of which 1M generation ~5)
#   SIZES="10000 100000" bash tests/perf/bench.sh --filter '*QueryBenchmarks*'
#
# Databases: $LLMWATCH_BENCH_DIR (default /tmp/llmwatch-perf)/synthetic-{N}.db, seed 1. Results: tests/perf/out/bench/.
set -euo pipefail
cd "$(dirname "$0")/../.."
export LLMWATCH_BENCH_DIR="${LLMWATCH_BENCH_DIR:-/tmp/llmwatch-perf}"
SIZES="${SIZES:-10000 100000 1000000}"
mkdir -p "$LLMWATCH_BENCH_DIR" tests/perf/out/bench

dotnet build src/LlmWatch.Web -c Release -v q -nologo >/dev/null
for n in $SIZES; do
  db="$LLMWATCH_BENCH_DIR/synthetic-$n.db"
  if [[ ! -f "$db" ]]; then
    echo "Generating $n organisations into $db ..."
    /usr/bin/time -f "  generated in %e s, peak RSS %M KB" \
      dotnet run -c Release --no-build --project src/LlmWatch.Web -- generate --organizations "$n" --db "$db" --seed 1
  fi
done

filter=("--filter" "*")
[[ $# -gt 0 ]] && filter=("$@")
export LLMWATCH_BENCH_SIZES="$SIZES"
dotnet run -c Release --project tests/LlmWatch.Benchmarks -- "${filter[@]}" \
  --artifacts tests/perf/out/bench --exporters github --join
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GB, .NET $(dotnet --version)"
cat tests/perf/out/bench/results/*-report-github.md
