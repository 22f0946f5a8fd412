using System.CommandLine;

namespace Gateway.Cli;

/// <summary>
/// <c>gateway health [--url URL]</c>: asks a running gateway's <c>/healthz</c> and exits 0 when it answers 200, 1
/// otherwise. Container health checks use it: the runtime image has no curl or wget.
/// </summary>
internal static class HealthCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5080/healthz";

    public static Command Create(CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var url = new Option<string>("--url", "-u")
        {
            Description = $"The health endpoint to ask (default: {DefaultUrl}).",
            HelpName = "URL",
            DefaultValueFactory = _ => DefaultUrl,
        };
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "How long to wait for the answer (default: 00:00:05).",
            HelpName = "TIME",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(5),
        };
        var command = new Command("health", "Ask a running gateway whether it is up (exit code 0) or not (1).") { url, timeout };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var text = parseResult.GetRequiredValue(url);
            if (!Uri.TryCreate(text, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
            {
                CliOutput.Error(streams.Error, "health", $"--url: '{text}' is not an absolute http or https URL.");
                return ExitCodes.Usage;
            }

            using var client = new HttpClient { Timeout = parseResult.GetValue(timeout) };
            try
            {
                using var response = await client.GetAsync(target, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    await parseResult.InvocationConfiguration.Output.WriteLineAsync($"{target}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                    return ExitCodes.Success;
                }

                CliOutput.Error(streams.Error, "health", $"{target} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                CliOutput.Error(streams.Error, "health", $"{target} did not answer: {ex.Message}");
            }

            return ExitCodes.Failed;
        });
        return command;
    }
}
