namespace Gateway.Tests.Cli;

/// <summary>Mistakes in a configuration file or on the serve command line, each answered with one clear line.</summary>
public sealed class ConfigurationErrorTests
{
    [Theory]
    [InlineData("validate")]
    [InlineData("serve")]
    public async Task A_json_syntax_error_names_its_1_based_line_and_column(string verb)
    {
        using var directory = new TempDirectory();
        var config = directory.File("gateway.json", "{\n  \"Gateway\": {\n    \"Http\": { \"MaxBodyBytes\": 10 \"MaxBody\": 5 }\n  }\n}\n");
        var result = await CliRunner.RunAsync(string.Empty, verb, "--config", config);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"gateway {verb}: {config}: line 3, column 34: the configuration file is not valid JSON: ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_enum_typo_lists_the_valid_values()
    {
        using var directory = new TempDirectory();
        var config = directory.File("gateway.json", """
            { "Gateway": { "Sinks": { "out": { "Type": "File", "Folder": "out", "Mode": "Apend" } } } }
            """);
        var result = await CliRunner.RunAsync(string.Empty, "validate", "--config", config);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("gateway validate: Gateway:Sinks:out:Mode: 'Apend' is not a valid value. Valid values: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Append", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port", "5099")]
    [InlineData("--configg", "x.json")]
    public async Task Serve_refuses_an_unknown_flag_instead_of_ignoring_it(string flag, string value)
    {
        var result = await CliRunner.RunAsync(string.Empty, "serve", flag, value);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"gateway serve: unknown option '{flag}'. Options: --config, --urls, --environment,", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_help_shows_urls()
    {
        var result = await CliRunner.RunAsync(string.Empty, "serve", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--urls <URLS>", result.Stdout, StringComparison.Ordinal);
    }
}
