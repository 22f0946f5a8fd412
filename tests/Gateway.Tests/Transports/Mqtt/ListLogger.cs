using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Transports.Mqtt;

/// <summary>Keeps every formatted log line (with its level) so tests can look for them.</summary>
internal sealed class ListLogger : ILogger, ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Text)> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => Lines.Enqueue((logLevel, formatter(state, exception)));

    public ILogger CreateLogger(string categoryName) => this;

    public void Dispose()
    {
    }

    public bool Contains(string text, LogLevel? level = null)
        => Lines.Any(l => l.Text.Contains(text, StringComparison.Ordinal) && (level is null || l.Level == level));

    /// <summary>Waits (bounded) until a line containing <paramref name="text"/> was logged.</summary>
    public async Task WaitForAsync(string text, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!Contains(text))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no log line with '{text}'; logged: {string.Join(" | ", Lines.Select(l => l.Text))}");
            }

            await Task.Delay(20);
        }
    }
}
