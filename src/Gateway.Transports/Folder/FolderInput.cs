using Gateway.Core.Formats;
using Gateway.Core.Health;
using Gateway.Core.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Transports.Folder;

/// <summary>
/// A hot folder: one worker scans <see cref="FolderInputOptions.Path"/> every <see cref="FolderInputOptions.ScanInterval"/>
/// and whenever a <see cref="FileSystemWatcher"/> reports a change (watchers miss events, so the scan is what counts),
/// reads each ready file (<see cref="FileReadiness"/>) in name order through <see cref="FileIngestion"/>, and moves it
/// to Done or Failed (<see cref="FolderOutcomes"/>). Time comes from the application's <see cref="TimeProvider"/>.
/// </summary>
public sealed class FolderInput : IMessageInput, IHealthReporter
{
    /// <summary>The hidden folder under <c>Path</c> holding the persisted offsets of files being read.</summary>
    internal const string ProgressFolderName = ".progress";

    private readonly FolderInputOptions _options;
    private readonly InputContext _context;
    private readonly TimeProvider _time;
    private readonly string _root;
    private readonly string _progress;
    private readonly FolderScan _scan;
    private readonly FileReadiness _readiness;
    private readonly FolderOutcomes _outcomes;
    private readonly FileIngestion _ingestion;
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private FileSystemWatcher? _watcher;
    private Task _worker = Task.CompletedTask;
    private volatile string? _problem;
    private long _files;

    public FolderInput(FolderInputOptions options, InputContext context)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _time = context.Services.GetService<TimeProvider>() ?? TimeProvider.System;
        _root = Path.GetFullPath(options.Path!);
        _progress = Path.Combine(_root, ProgressFolderName);
        var done = Path.GetFullPath(options.Done ?? Path.Combine(_root, ".done"));
        var failed = Path.GetFullPath(options.Failed ?? Path.Combine(_root, ".failed"));
        _scan = new FolderScan(_root, FolderPattern.TryParse(options.Pattern, out _)!, options.Recursive, [done, failed, _progress]);
        _readiness = new FileReadiness(options.ReadyAfter, _time);
        _outcomes = new FolderOutcomes(done, failed, options.Delete, _time);
        _ingestion = new FileIngestion(options, context, context.Services.GetRequiredService<FormatRegistry>(), _time);
    }

    public string Id => _context.Id;

    /// <summary>Files moved to Done or Failed since the start.</summary>
    public long FilesHandled => Interlocked.Read(ref _files);

    /// <summary>Up while it watches; Degraded with the last file it could not take; Starting before; Down once stopped.</summary>
    public ComponentHealth Health => _watcher is null ? new ComponentHealth(ComponentState.Starting, "not watching yet")
        : _stopping.IsCancellationRequested ? ComponentHealth.Down("stopped")
        : _worker.IsCompleted ? ComponentHealth.Down($"no longer watching {_root}")
        : _problem is { } problem ? new ComponentHealth(ComponentState.Degraded, problem)
        : ComponentHealth.Up($"watching {_root}, {FilesHandled} file(s) handled");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_watcher is not null || _stopping.IsCancellationRequested)
        {
            throw new InvalidOperationException($"Input {Id} was already started.");
        }

        Directory.CreateDirectory(_root);
        FileProgress.RemoveOrphans(_progress, _root);
        _watcher = new FileSystemWatcher(_root)
        {
            IncludeSubdirectories = _options.Recursive,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Created += (_, _) => Wake();
        _watcher.Changed += (_, _) => Wake();
        _watcher.Renamed += (_, _) => Wake();
        _watcher.Error += (_, e) =>
        {
            Wake(); // Events may have been lost (a full buffer): scan now.
            var error = e.GetException();
            FolderLog.WatcherFailed(_context.Logger, Id, error.Message);
        };
        _watcher.EnableRaisingEvents = true;
        FolderLog.Watching(_context.Logger, Id, _root, _options.Pattern);
        _worker = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_watcher is null || _stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        _watcher.EnableRaisingEvents = false;
        await _worker.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        FolderLog.Stopped(_context.Logger, Id, _root);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _watcher?.Dispose();
        _stopping.Dispose();
        _changed.Dispose();
    }

    private void Wake()
    {
        if (_changed.CurrentCount == 0)
        {
            try
            {
                _changed.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another event woke it first: one wake-up is enough.
            }
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ScanOnceAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            // Until the next scan: a change event or the interval, whichever comes first.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var changed = _changed.WaitAsync(wait.Token);
            var tick = Task.Delay(_options.ScanInterval, _time, wait.Token);
            await Task.WhenAny(changed, tick);
            await wait.CancelAsync();
            await Task.WhenAll(changed, tick).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>One pass: every candidate observed, every ready one read and moved. Internal so tests can drive it.</summary>
    internal async Task ScanOnceAsync(CancellationToken cancellationToken)
    {
        var candidates = _scan.List();
        _readiness.Retain(candidates.Select(c => c.Path).ToHashSet(StringComparer.Ordinal));
        foreach (var file in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_readiness.Observe(file.Path, file.Length, file.Modified))
            {
                await TakeAsync(file, cancellationToken);
            }
        }
    }

    private async Task TakeAsync(FileCandidate file, CancellationToken cancellationToken)
    {
        var relativeName = Path.GetRelativePath(_root, file.Path).Replace(Path.DirectorySeparatorChar, '/');
        try
        {
            var progress = FileProgress.Open(_progress, relativeName, file);
            if (progress.Current.Records > 0)
            {
                FolderLog.Resuming(_context.Logger, Id, relativeName, progress.Current.Records);
            }

            var failure = await _ingestion.RunAsync(file, relativeName, progress, cancellationToken);
            if (failure is null)
            {
                var target = _outcomes.Complete(file.Path, relativeName);
                FolderLog.Completed(_context.Logger, Id, relativeName, progress.Current.Records, target ?? "(deleted)");
            }
            else
            {
                var target = _outcomes.Fail(file.Path, relativeName, failure);
                FolderLog.Failed(_context.Logger, Id, relativeName, failure.Location is null ? failure.Error : $"{failure.Error} (record {failure.Record})", target);
            }

            progress.Delete();
            _readiness.Forget(file.Path);
            Interlocked.Increment(ref _files);
            _problem = null;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: a dispatch or commit cut short. The stored progress is kept; the next start resumes there.
            throw new OperationCanceledException(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Gone, locked, or the disk refused the move: leave it, the next scan tries again.
            _problem = $"{relativeName}: {ex.Message}";
            FolderLog.Deferred(_context.Logger, Id, relativeName, ex.Message);
            _readiness.Forget(file.Path);
        }
        catch (Exception ex)
        {
            // The routes refused it (stopping, reloaded away): nothing is moved, the stored progress is kept.
            _problem = $"{relativeName}: {ex.Message}";
            FolderLog.DispatchFailed(_context.Logger, Id, relativeName, ex);
            _readiness.Forget(file.Path);
        }
    }
}
