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
