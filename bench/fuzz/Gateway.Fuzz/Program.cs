using Gateway.Fuzz;
using SharpFuzz;

// Fuzzing entry point (see bench/fuzz/README.md):
//   Gateway.Fuzz fuzz TARGET            run under afl-fuzz (bench/fuzz/run.sh starts it)
//   Gateway.Fuzz replay TARGET FILE...  run inputs once each, print what each one does; exit 1 when any crashes
if (args.Length < 2 || !FuzzTargets.TryGet(args[1], out var target))
{
    Console.Error.WriteLine($"usage: Gateway.Fuzz fuzz|replay TARGET [FILE...]; targets: {string.Join(", ", FuzzTargets.Names)}");
    return 2;
}

switch (args[0])
{
    case "fuzz":
        Fuzzer.OutOfProcess.Run(target);
        return 0;
    case "replay":
        return Replay.Run(target, args[2..]);
    default:
        Console.Error.WriteLine($"unknown mode '{args[0]}'; use fuzz or replay.");
        return 2;
}
