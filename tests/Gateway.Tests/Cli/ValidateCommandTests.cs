namespace Gateway.Tests.Cli;

public sealed class ValidateCommandTests
{
    [Theory]
    [InlineData("""{ "Gateway": {} }""")]
    [InlineData("""{ "Gateway": { "Http": { "MaxBodyBytes": 1024 } } }""")]
    [InlineData("""{ "Logging": { "LogLevel": { "Default": "Warning" } } }""")]
    public async Task Valid_configuration_prints_so_and_exits_0(string json)
    {
        using var directory = new TempDirectory();
        var result = await CliRunner.RunAsync(string.Empty, "validate", "--config", directory.File("gateway.json", json));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("configuration is valid", result.Stdout.Trim());
    }

    [Fact]
    public async Task Every_problem_is_listed_by_config_path()
    {
        using var directory = new TempDirectory();
        var config = directory.File("gateway.json", """
            {
              "Gateway": {
                "Htpp": {},
                "Http": { "MaxBodyBytes": 0, "MaxBody": 5 },
                "Pipelines": { "clean": [ { "Type": "NoSuchConverter" } ], "broken": "x" }
              }
            }
            """);
        var result = await CliRunner.RunAsync(string.Empty, "validate", "--config", config);
        Assert.Equal(1, result.ExitCode);
        Assert.All(result.StderrLines, line => Assert.StartsWith("gateway validate: ", line, StringComparison.Ordinal));
        foreach (var path in new[] { "Gateway:Htpp:", "Gateway:Http:MaxBodyBytes:", "Gateway:Http:MaxBody:", "Gateway:Pipelines:clean:0:Type:", "Gateway:Pipelines:broken:" })
        {
            Assert.Contains(path, result.Stderr, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipelines_build_through_the_converter_catalog()
    {
        using var directory = new TempDirectory();
        var valid = directory.File("valid.json", """{ "Gateway": { "Pipelines": { "clean": [ { "Type": "Rename", "Map": { "qty": "quantity" } } ] } } }""");
        var invalid = directory.File("invalid.json", """{ "Gateway": { "Pipelines": { "clean": [ { "Type": "Rename", "Mapp": {} } ] } } }""");

        var ok = await CliRunner.RunAsync(string.Empty, "validate", "--config", valid);
        var bad = await CliRunner.RunAsync(string.Empty, "validate", "--config", invalid);

        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("Gateway:Pipelines:clean:0:Mapp", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plugins_that_do_not_load_are_listed_by_path()
    {
        using var directory = new TempDirectory();
        var missing = directory.File("missing.dll").Replace('\\', '/');
        var config = directory.File("gateway.json", $$"""{ "Gateway": { "Plugins": [ "{{missing}}" ] } }""");
        var result = await CliRunner.RunAsync(string.Empty, "validate", "--config", config);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Gateway:Plugins:0", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_file_exits_1()
    {
        using var directory = new TempDirectory();
        var result = await CliRunner.RunAsync(string.Empty, "validate", "--config", directory.File("none.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_exits_1_without_a_stack_trace()
    {
        using var directory = new TempDirectory();
        var result = await CliRunner.RunAsync(string.Empty, "validate", "--config", directory.File("bad.json", """{ "Gateway": { """));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.json", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_is_required()
    {
        var result = await CliRunner.RunAsync(string.Empty, "validate");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--config", result.Stderr, StringComparison.Ordinal);
    }
}
