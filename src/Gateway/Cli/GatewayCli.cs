using System.CommandLine;
using System.CommandLine.Help;
using System.Text;

namespace Gateway.Cli;

/// <summary>
/// The command line of <c>gateway</c>: <c>serve</c> (the default), <c>convert</c> and <c>validate</c>. Every stream
/// is passed in, so tests run the CLI in-process exactly as the executable does.
/// </summary>
internal static class GatewayCli
{
    /// <summary>Parses <paramref name="args"/>, runs the verb and returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, Stream stdin, Stream stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stderr);
        var streams = new CliStreams(stdin, stdout, stderr);
        var root = CreateRootCommand(streams);

        // Without a verb the gateway serves. The root command itself only lists the verbs, so its usage shows no
        // arguments passed through to ASP.NET Core (only serve takes those).
        if (args.Length == 0 || !IsVerbOrRootOption(root, args[0]))
        {
            args = ["serve", .. args];
        }

        var parseResult = root.Parse(args);
        var serving = parseResult.CommandResult.Command.Name == "serve";
        var errors = parseResult.Errors.Select(e => e.Message).ToList();
        if (!serving && errors.Count == 0 && parseResult.Action is not HelpAction)
        {
            // Only serve passes unknown arguments on (to ASP.NET Core); everywhere else they are mistakes.
            errors.AddRange(parseResult.UnmatchedTokens.Select(t => $"Unrecognized command or argument '{t}'."));
        }

        if (errors.Count > 0 && parseResult.Action is not HelpAction)
        {
            var verb = parseResult.CommandResult.Command is RootCommand ? "gateway" : $"gateway {parseResult.CommandResult.Command.Name}";
            foreach (var error in errors)
            {
                await stderr.WriteLineAsync($"{verb}: {CliOutput.OneLine(error)}");
            }

            await stderr.WriteLineAsync($"Run '{verb} --help' for usage.");
            return ExitCodes.Usage;
        }

        await using var output = new StreamWriter(new NonClosingStream(stdout), new UTF8Encoding(false)) { AutoFlush = true };
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = stderr,
            EnableDefaultExceptionHandler = false,

            // The web host handles Ctrl+C and SIGTERM itself (graceful shutdown); the other verbs get a cancellation token.
            ProcessTerminationTimeout = serving ? null : TimeSpan.FromSeconds(2),
        };
        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var verb = parseResult.CommandResult.Command is RootCommand ? "serve" : parseResult.CommandResult.Command.Name;
            CliOutput.Error(stderr, verb, $"internal error: {ex.GetType().Name}: {ex.Message} Please report this.");
            return ExitCodes.Internal;
        }
    }

    private static RootCommand CreateRootCommand(CliStreams streams)
    {
        var root = new RootCommand("Gateway: converts JSON, NDJSON, XML and CSV over HTTP and on the command line. Without a verb it serves: 'gateway [serve options]'.")
        {
            ServeCommand.Create(streams),
            ConvertCommand.Create(streams),
            ValidateCommand.Create(streams),
            HealthCommand.Create(streams),
            HashPasswordCommand.Create(streams),
        };
        return root;
    }

    /// <summary>True when <paramref name="argument"/> names a verb, or is one of the root's own options (--help, --version).</summary>
    private static bool IsVerbOrRootOption(RootCommand root, string argument) =>
        root.Subcommands.Any(c => c.Name == argument)
        || root.Options.Any(o => o.Name == argument || o.Aliases.Contains(argument));
}
