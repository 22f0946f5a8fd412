using System.Globalization;

namespace Gateway.Bench.LogBench;

/// <summary>
/// The command line: <c>[--quick] [--folder DIR] [--keep] [--only TEXT]</c>, or the internal fill verb of a child process.
/// </summary>
internal sealed record BenchOptions(
    bool Quick, string Folder, bool Keep, string? Only, RecoveryEngine? Fill, int FillSize, long FillCount)
{
    public const string FillVerb = "--fill";

    public const string Usage = "usage: Gateway.LogBench [--quick] [--folder DIR (default bench-data)] [--keep (leave the data)] " +
        "[--only TEXT (engines whose key contains TEXT: faster-committer, faster-fastcommit, faster-autocommit, sqlite-rows, sqlite-blob)]";

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(false, "bench-data", false, null, null, 0, 0);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--quick" => options with { Quick = true },
                "--keep" => options with { Keep = true },
                "--folder" => options with { Folder = Value(args, ref i) },
                "--only" => options with { Only = Value(args, ref i) },
                FillVerb => options with { Fill = Enum.Parse<RecoveryEngine>(Value(args, ref i)) },
                "--size" => options with { FillSize = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture) },
                "--count" => options with { FillCount = long.Parse(Value(args, ref i), CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'"),
            };
        }

        return options;
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");
}
