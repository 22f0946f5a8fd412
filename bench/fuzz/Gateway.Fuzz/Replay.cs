namespace Gateway.Fuzz;

/// <summary>Runs a target once per file outside afl-fuzz: to check a crash, a fix, or a seed corpus.</summary>
internal static class Replay
{
    public static int Run(Action<Stream> target, IEnumerable<string> paths)
    {
        var crashes = 0;
        foreach (var path in paths)
        {
            using var input = File.OpenRead(path);
            try
            {
                target(input);
                Console.WriteLine($"ok     {path}");
            }
#pragma warning disable CA1031 // Any exception that escapes a target is the finding being reported.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                crashes++;
                Console.WriteLine($"CRASH  {path}: {ex}");
            }
        }

        return crashes == 0 ? 0 : 1;
    }
}
