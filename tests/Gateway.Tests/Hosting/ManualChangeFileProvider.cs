using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Gateway.Tests.Hosting;

/// <summary>
/// The files of a folder, whose change notifications the test raises itself (<see cref="RaiseChanged"/>) instead of a
/// file watcher that fires late, twice or not at all. The configuration provider reacts exactly as it does to a
/// watcher: it reloads the file (clearing its data when the file no longer parses) and signals its reload token.
/// </summary>
internal sealed class ManualChangeFileProvider(string folder) : IFileProvider, IDisposable
{
    private readonly PhysicalFileProvider _files = new(folder);
    private CancellationTokenSource _change = new();

    public IDirectoryContents GetDirectoryContents(string subpath) => _files.GetDirectoryContents(subpath);

    public IFileInfo GetFileInfo(string subpath) => _files.GetFileInfo(subpath);

    public IChangeToken Watch(string filter) => new CancellationChangeToken(_change.Token);

    /// <summary>Tells every watcher that the files changed; runs their callbacks before returning.</summary>
    public void RaiseChanged()
    {
        var fired = Interlocked.Exchange(ref _change, new CancellationTokenSource());
        fired.Cancel();
        fired.Dispose();
    }

    public void Dispose()
    {
        _change.Dispose();
        _files.Dispose();
    }
}
