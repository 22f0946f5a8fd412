namespace Gateway.Cli;

/// <summary>The exit codes of <c>gateway</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The input or the configuration is invalid, or a file cannot be read or written; one line per problem on stderr.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong (unknown verb or flag, bad flag value, missing format).</summary>
    public const int Usage = 2;

    /// <summary>Interrupted by Ctrl+C or SIGTERM (128 + SIGINT).</summary>
    public const int Interrupted = 130;

    /// <summary>A bug: the gateway failed unexpectedly (EX_SOFTWARE).</summary>
    public const int Internal = 70;
}
