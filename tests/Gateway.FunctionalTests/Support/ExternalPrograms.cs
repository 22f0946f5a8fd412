namespace Gateway.FunctionalTests.Support;

/// <summary>Finds programs the tests need but do not ship (mosquitto), and says whether a missing one may skip a test.</summary>
public static class ExternalPrograms
{
    /// <summary>The environment variable that turns "skip, it is not installed" into a failure (set by <c>.ci/run</c>).</summary>
    public const string RequireVariable = "GATEWAY_REQUIRE_EXTERNAL";

    /// <summary>True when a missing program must fail the test instead of skipping it.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>The full path of <paramref name="name"/> on PATH or in <paramref name="extraFolders"/>, or null.</summary>
    public static string? Find(string name, params string[] extraFolders)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var folders = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(extraFolders ?? []);
        foreach (var folder in folders)
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
