using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Transports.Tcp;

/// <summary>A logger that keeps every line, so tests can check what the transport said and wait for a line.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Text)> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((logLevel, formatter(state, exception)));

    /// <summary>Waits until a line at <paramref name="level"/> contains every one of <paramref name="parts"/>; returns it.</summary>
    public async Task<string> WaitForAsync(LogLevel level, TimeSpan timeout, params string[] parts)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var match = _entries.FirstOrDefault(e => e.Level == level && parts.All(p => e.Text.Contains(p, StringComparison.Ordinal)));
            if (match.Text is not null)
            {
                return match.Text;
            }

            if (cancel.IsCancellationRequested)
            {
                var seen = string.Join(Environment.NewLine, _entries.Select(e => $"{e.Level}: {e.Text}"));
                Assert.Fail($"No {level} line with [{string.Join(", ", parts)}] within {timeout}. Lines:{Environment.NewLine}{seen}");
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }
}
