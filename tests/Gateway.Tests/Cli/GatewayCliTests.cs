namespace Gateway.Tests.Cli;

public sealed class GatewayCliTests
{
    [Fact]
    public async Task Help_lists_the_verbs()
    {
        var result = await CliRunner.RunAsync(string.Empty, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("serve", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("convert", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("validate", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(" [command] [options]\n", result.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal); // the name is the process's
        Assert.DoesNotContain("additional arguments", result.Stdout, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Without_a_verb_it_serves_so_serve_options_are_checked_as_serve_checks_them()
    {
        var result = await CliRunner.RunAsync(string.Empty, "--port", "5099");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("gateway serve: unknown option '--port'.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convert_help_lists_the_format_flags()
    {
        var result = await CliRunner.RunAsync(string.Empty, "convert", "--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var flag in new[] { "--delimiter", "--no-header", "--infer-types", "--columns", "--unflatten", "--escape-formulas", "--newline", "--root", "--item", "--array-path", "--record-element", "--pretty", "--max-depth" })
        {
            Assert.Contains(flag, result.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Unknown_verb_is_a_usage_error()
    {
        var result = await CliRunner.RunAsync(string.Empty, "serv");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'serv'", result.Stderr, StringComparison.Ordinal);
    }
}
