namespace Gateway.Hosting;

/// <summary>
/// Keeps a failed start to the one line <c>gateway serve</c> prints. When a hosted service throws while the host
/// starts (a port in use), the host logs the exception with its stack trace before it rethrows it; the command then
/// prints what failed, where and why. While the host starts, this filter drops the host's own error entries: an
/// exception the command does not explain is not caught and still ends the process with its stack trace.
/// </summary>
internal sealed class HostStartLog
{
    /// <summary>The category the generic host logs its start failures under.</summary>
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    private volatile bool _started;

    /// <summary>
    /// Adds the filter for every provider: a provider-specific rule from configuration (<c>Logging:Console:LogLevel</c>)
    /// would otherwise win over one that names no provider.
    /// </summary>
    public void AddTo(ILoggingBuilder logging)
    {
        logging.AddFilter(HostCategory, Allows);
        logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(HostCategory, Allows);
    }

    /// <summary>The host started: its errors are logged again (a failing background service, a failed stop).</summary>
    public void Started() => _started = true;

    /// <summary>One line for a listener that could not bind: which listener, which address, why.</summary>
    public static string Describe(IOException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        // Kestrel's own message names the address and the reason ("Failed to bind to address http://...: address
        // already in use."); the inputs and the broker name themselves in theirs.
        return exception.Source?.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal) == true
            ? $"the HTTP server: {exception.Message} Free the port or choose another address with --urls."
            : exception.Message;
    }

    // The host logs nothing below Warning that a user needs (its Debug entries trace the start and stop steps).
    private bool Allows(LogLevel level) => level >= LogLevel.Warning && (_started || level < LogLevel.Error);
}
