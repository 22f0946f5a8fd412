using System.CommandLine;
using Gateway.Hosting;

namespace Gateway.Cli;

/// <summary>
/// <c>gateway serve [--config FILE] [ASP.NET Core arguments]</c>, also what <c>gateway</c> without a verb runs.
/// Arguments the verb does not know (<c>--urls http://0.0.0.0:8080</c>, <c>--environment Production</c>) go to the host.
/// </summary>
internal static class ServeCommand
{
    /// <summary>The ASP.NET Core host settings that may be given on the command line (besides --urls).</summary>
    private static readonly string[] HostSettings = ["environment", "contentRoot", "applicationName", "http_ports", "https_ports", GatewayConfiguration.ConfigFileSetting];

    public static Command Create(CliStreams streams)
    {
        var command = new Command("serve", "Run the HTTP gateway (the default verb). Other arguments, such as --urls, go to ASP.NET Core.");
        Configure(command, streams);
        return command;
    }

    private static void Configure(Command command, CliStreams streams)
    {
        var config = new Option<string>("--config", "-c")
        {
            Description = "A JSON file whose Gateway section replaces the built-in one (environment variables still override it).",
            HelpName = "FILE",
        };
        var urls = new Option<string>("--urls")
        {
            Description = "The addresses to listen on, separated by ';' (http://0.0.0.0:8080). Default: " + GatewayHost.DefaultUrl + ".",
            HelpName = "URLS",
        };
        command.Add(config);
        command.Add(urls);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, _) =>
        {
            var passThrough = parseResult.UnmatchedTokens.ToList();
            if (UnknownArgument(passThrough) is { } unknown)
            {
                CliOutput.Error(streams.Error, "serve", unknown);
                return Task.FromResult(ExitCodes.Usage);
            }

            if (parseResult.GetValue(urls) is { } addresses)
            {
                passThrough.AddRange(["--urls", addresses]);
            }

            return GatewayHost.RunAsync([.. passThrough], parseResult.GetValue(config), streams.Error);
        });
    }

    /// <summary>
    /// The first argument ASP.NET Core would not take, explained; null when all are host settings
    /// (<c>--environment Production</c>) or configuration keys (<c>--Kestrel:Limits:MaxConcurrentConnections=100</c>),
    /// which ASP.NET Core otherwise ignores silently when misspelled (<c>--port 5099</c>).
    /// </summary>
    private static string? UnknownArgument(List<string> arguments)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (!argument.StartsWith('-'))
            {
                return $"unknown command or argument '{argument}'. Run 'gateway --help' for the verbs.";
            }

            // --key=value is how hosts and test factories pass any setting (WebApplicationFactory does): let it through.
            var key = argument.TrimStart('-');
            if (key.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }

            if (i + 1 < arguments.Count && !arguments[i + 1].StartsWith('-'))
            {
                i++; // its value
            }

            if (!key.Contains(':', StringComparison.Ordinal) && !HostSettings.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                return $"unknown option '{argument}'. Options: --config, --urls, {string.Join(", ", HostSettings.Select(s => "--" + s))}, " +
                    "or a configuration key such as --Gateway:Http:MaxBodyBytes=1048576. Run 'gateway serve --help' for usage.";
            }
        }

        return null;
    }

}
