using Gateway.Bench.LogBench;

// Durable log engines side by side: raw fsync rate, group-commit throughput, crash recovery and truncation of
// FasterLog and SQLite (bench/README.md, "Durable log engines"). A child process started with --fill writes the
// data of a recovery run and is killed by its parent.
try
{
    var options = BenchOptions.Parse(args);
    if (options.Fill is { } engine)
    {
        return await FillProcess.RunAsync(engine, options.Folder, options.FillSize, options.FillCount);
    }

    return await BenchRun.RunAsync(options);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"{ex.Message}\n{BenchOptions.Usage}");
    return 2;
}
