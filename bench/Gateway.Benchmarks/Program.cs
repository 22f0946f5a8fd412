using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Gateway.Benchmarks;

// dotnet run -c Release --project bench/Gateway.Benchmarks              every conversion beside its raw reader scan:
//                                                                         MB/s, allocated bytes per MB and the ratios
// dotnet run -c Release --project bench/Gateway.Benchmarks -- --quick    the same with fewer iterations
// dotnet run -c Release --project bench/Gateway.Benchmarks -- --filter * any BenchmarkDotNet selection (CSV details, ...)
// dotnet run -c Release --project bench/Gateway.Benchmarks -- --cpu [N]  the JSON converters vs the raw scan by thread
//                                                                         CPU time, best of N rounds (a loaded machine)
if (args.Length > 0 && args[0] == "--cpu")
{
    CpuTimeRatios.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15, Console.Out);
    return 0;
}

if (args.Length > 0 && args[0] != "--quick")
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}

var job = args.Contains("--quick")
    ? Job.Default.WithWarmupCount(1).WithIterationCount(3).WithLaunchCount(1)
    : Job.Default.WithWarmupCount(3).WithIterationCount(10).WithLaunchCount(1);
var summary = BenchmarkRunner.Run<ConversionBenchmarks>(DefaultConfig.Instance.AddJob(job.AsDefault()));
RatioReport.Print(summary, Console.Out);
return 0;
