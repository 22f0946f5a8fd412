using System.CommandLine;
using Gateway.Hosting;

namespace Gateway.Cli;

/// <summary>
/// <c>gateway serve [--config FILE] [ASP.NET Core arguments]</c>, also the action of a bare <c>gateway</c>.
/// Arguments the verb does not know (<c>--urls http://0.0.0.0:8080</c>, <c>--environment Production</c>) go to the host.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliStreams streams)
    {
        var command = new Command("serve", "Run the HTTP gateway (the default verb). Other arguments, such as --urls, go to ASP.NET Core.");
        Configure(command, streams);
        return command;
    }

    /// <summary>Makes <paramref name="command"/> serve: the root command serves when no verb is given.</summary>
    public static void Configure(Command command, CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(streams);
        var config = new Option<string>("--config", "-c")
        {
            Description = "A JSON file whose Gateway section replaces the built-in one (environment variables still override it).",
            HelpName = "FILE",
        };
        command.Add(config);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, _) =>
        {
            var passThrough = parseResult.UnmatchedTokens;
            if (passThrough.Count > 0 && !passThrough[0].StartsWith('-'))
            {
                CliOutput.Error(streams.Error, "serve", $"unknown command or argument '{passThrough[0]}'. Run 'gateway --help' for the verbs.");
                return Task.FromResult(ExitCodes.Usage);
            }

            return GatewayHost.RunAsync([.. passThrough], parseResult.GetValue(config), streams.Error);
        });
    }
}
