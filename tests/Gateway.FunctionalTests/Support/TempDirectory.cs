namespace Gateway.FunctionalTests.Support;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "gateway-ft-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    /// <summary>The full path of <paramref name="relative"/> inside the folder.</summary>
    public string Combine(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Writes <paramref name="text"/> (UTF-8) to <paramref name="relative"/> and returns its full path.</summary>
    public string WriteFile(string relative, string text)
    {
        var path = Combine(relative);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process that was killed a moment ago may still hold a file; the system temp folder gets cleaned anyway.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
