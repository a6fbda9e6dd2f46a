using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/LlmWatch.Benchmarks -- --filter '*'   (tests/perf/bench.sh generates the databases first)
BenchmarkSwitcher.FromAssembly(typeof(LlmWatch.Benchmarks.QueryBenchmarks).Assembly).Run(args);
