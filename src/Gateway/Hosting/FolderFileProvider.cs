using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Gateway.Hosting;

/// <summary>
/// The files of one folder, watched without its subfolders. ASP.NET Core's <see cref="PhysicalFileProvider"/> watches
/// its whole tree, so a config file beside the data folder (the container's working directory, or <c>--config</c> in
/// the folder that holds <c>data/</c>) would have the gateway handle an event for every write of the durable log
/// and the file sinks (about 4% of the CPU of a busy gateway). This one watches only the names asked for.
/// </summary>
internal sealed class FolderFileProvider : IFileProvider, IDisposable
{
    private readonly PhysicalFileProvider _files;
    private readonly string _folder;
    private readonly Dictionary<string, WatchedFile> _watches = new(StringComparer.Ordinal);

    public FolderFileProvider(string folder)
    {
        _folder = Path.GetFullPath(folder);
        _files = new PhysicalFileProvider(_folder);
    }

    public IFileInfo GetFileInfo(string subpath) => _files.GetFileInfo(subpath);

    public IDirectoryContents GetDirectoryContents(string subpath) => _files.GetDirectoryContents(subpath);

    /// <summary>A token that fires when the file named <paramref name="filter"/> (a plain name in the folder) is written, created, renamed or deleted.</summary>
    public IChangeToken Watch(string filter)
    {
        var name = Path.GetFileName(filter ?? string.Empty);
        if (name.Length == 0 || name.Contains('*', StringComparison.Ordinal) || !Directory.Exists(_folder))
        {
            return NullChangeToken.Singleton;
        }

        lock (_watches)
        {
            if (!_watches.TryGetValue(name, out var watch))
            {
                _watches[name] = watch = new WatchedFile(_folder, name);
            }

            return watch.Token;
        }
    }

    public void Dispose()
    {
        lock (_watches)
        {
            foreach (var watch in _watches.Values)
            {
                watch.Dispose();
            }

            _watches.Clear();
        }

        _files.Dispose();
    }

    /// <summary>One watched name: a watcher of the folder alone, and the token of the next change.</summary>
    private sealed class WatchedFile : IDisposable
    {
        private readonly FileSystemWatcher _watcher;
        private CancellationTokenSource _next = new();

        public WatchedFile(string folder, string name)
        {
            _watcher = new FileSystemWatcher(folder, name)
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _watcher.Changed += (_, _) => Fire();
            _watcher.Created += (_, _) => Fire();
            _watcher.Deleted += (_, _) => Fire();
            _watcher.Renamed += (_, _) => Fire(); // editors that save by writing a temporary file and renaming it
            _watcher.EnableRaisingEvents = true;
        }

        public IChangeToken Token
        {
            get
            {
                lock (_watcher)
                {
                    return new CancellationChangeToken(_next.Token);
                }
            }
        }

        public void Dispose()
        {
            _watcher.Dispose();
            _next.Dispose();
        }

        private void Fire()
        {
            CancellationTokenSource fired;
            lock (_watcher)
            {
                (fired, _next) = (_next, new CancellationTokenSource());
            }

            fired.Cancel();
            fired.Dispose();
        }
    }
}
