namespace Gateway.Tests.Support;

/// <summary>Files of the repository the tests run from (found by walking up to <c>Gateway.sln</c>).</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Gateway.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Gateway.sln not found above {AppContext.BaseDirectory}.");
    });

    public static string Root => RootPath.Value;

    /// <summary>
    /// Compares <paramref name="generated"/> with the committed <paramref name="relativePath"/>. When
    /// <paramref name="updateVariable"/> is 1 (the refresh command) it rewrites the file and fails all the same, so a
    /// test that passes has always compared, never written: review the diff, then run the tests again without it.
    /// </summary>
    public static async Task AssertMatchesAsync(string relativePath, string generated, string updateVariable, string refreshCommand)
    {
        var file = Path.Combine(Root, relativePath);
        generated = Normalize(generated);
        if (Environment.GetEnvironmentVariable(updateVariable) == "1")
        {
            await File.WriteAllTextAsync(file, generated);
            Assert.Fail($"{relativePath} was rewritten because {updateVariable}=1; review the change and run the tests again without {updateVariable}.");
        }

        Assert.True(File.Exists(file), $"{relativePath} is missing; create it with: {refreshCommand}");
        var expected = Normalize(await File.ReadAllTextAsync(file));
        Assert.True(expected == generated, $"{relativePath} is out of date; refresh it with: {refreshCommand}\nFirst difference at line {FirstDifference(expected, generated)}.");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";

    private static int FirstDifference(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i + 1;
    }
}
