using Gateway.Hosting;

namespace Gateway.Tests.Hosting;

/// <summary>The config file's watcher sees the file itself and nothing that is written in the folders below it.</summary>
public sealed class FolderFileProviderTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly string _folder = Directory.CreateTempSubdirectory("gateway-watch-").FullName;

    [Fact]
    public async Task Writes_below_the_folder_do_not_fire_and_a_write_or_a_replace_of_the_file_does()
    {
        var file = Path.Combine(_folder, "gateway.json");
        await File.WriteAllTextAsync(file, "{}");
        var data = Directory.CreateDirectory(Path.Combine(_folder, "data", "buffer")).FullName;
        using var provider = new FolderFileProvider(_folder);
        Assert.True(provider.GetFileInfo("gateway.json").Exists);

        var token = provider.Watch("gateway.json");
        var fired = new TaskCompletionSource();
        using var registration = token.RegisterChangeCallback(_ => fired.TrySetResult(), null);
        for (var i = 0; i < 20; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(data, "routes.db"), $"write {i}");
            await File.WriteAllTextAsync(Path.Combine(_folder, "other.json"), $"write {i}");
        }

        // The file's own write fires the token (that the writes above do not is the next test's assertion).
        await File.WriteAllTextAsync(file, """{ "a": 1 }""");
        await fired.Task.WaitAsync(Timeout);

        // An editor that saves through a temporary file and a rename fires the next token.
        var next = provider.Watch("gateway.json");
        Assert.False(next.HasChanged);
        var replaced = new TaskCompletionSource();
        using var again = next.RegisterChangeCallback(_ => replaced.TrySetResult(), null);
        var temporary = Path.Combine(_folder, "gateway.json.tmp");
        await File.WriteAllTextAsync(temporary, """{ "a": 2 }""");
        File.Move(temporary, file, overwrite: true);
        await replaced.Task.WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_write_below_the_folder_alone_never_fires()
    {
        var data = Directory.CreateDirectory(Path.Combine(_folder, "data")).FullName;
        await File.WriteAllTextAsync(Path.Combine(_folder, "gateway.json"), "{}");
        using var provider = new FolderFileProvider(_folder);
        var token = provider.Watch("gateway.json");
        for (var i = 0; i < 20; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(data, "gateway.json"), $"same name, other folder {i}");
        }

        // Time for the watcher's thread to handle any event it got (there must be none for this file).
        await Task.Delay(500);
        Assert.False(token.HasChanged);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
