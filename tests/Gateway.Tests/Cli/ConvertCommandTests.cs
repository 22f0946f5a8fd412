namespace Gateway.Tests.Cli;

public sealed class ConvertCommandTests
{
    [Theory]
    [InlineData("json", "ndjson")]
    [InlineData("JSON", "NdJson")]
    public async Task Converts_stdin_to_stdout_with_case_insensitive_formats(string from, string to)
    {
        var result = await CliRunner.RunAsync("""[{"a":1},{"a":2}]""", "convert", "--from", from, "--to", to);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("{\"a\":1}\n{\"a\":2}\n", result.Stdout);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public async Task Infers_formats_from_file_extensions()
    {
        using var directory = new TempDirectory();
        var input = directory.File("in.ndjson", "{\"a\":1}\n{\"a\":2}\n");
        var output = directory.File("out.json");
        var result = await CliRunner.RunAsync(string.Empty, "convert", "--input", input, "--output", output);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("""[{"a":1},{"a":2}]""", File.ReadAllText(output));
        Assert.Equal([output], Directory.GetFiles(directory.Path).Where(f => f != input));
    }

    [Fact]
    public async Task Pretty_flag_indents()
    {
        var result = await CliRunner.RunAsync("""{"a":{"b":1}}""", "convert", "-f", "json", "-t", "json", "--pretty");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strict_flag_turns_lossy_xml_into_an_error()
    {
        const string Xml = "<r><a/><b/><a/></r>";
        var lenient = await CliRunner.RunAsync(Xml, "convert", "-f", "xml", "-t", "json");
        Assert.True(lenient.ExitCode == 0, lenient.ToString());
        Assert.Equal("""{"r":{"a":[null,null],"b":null}}""", lenient.Stdout);

        var strict = await CliRunner.RunAsync(Xml, "convert", "-f", "xml", "-t", "json", "--strict");
        Assert.Equal(1, strict.ExitCode);
        var line = Assert.Single(strict.StderrLines);
        Assert.Contains("line 1, column 13", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_input_exits_1_with_one_line_naming_the_position()
    {
        var result = await CliRunner.RunAsync("[{\"a\":1},\n{\"a\":]", "convert", "--from", "json", "--to", "ndjson");
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("gateway convert: ", line, StringComparison.Ordinal);
        Assert.Contains("line 2", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_conversion_leaves_no_output_file_and_keeps_an_existing_one()
    {
        using var directory = new TempDirectory();
        var input = directory.File("in.json", "[{\"a\":1},{\"a\":");
        var fresh = directory.File("fresh.ndjson");
        var existing = directory.File("existing.ndjson", "keep me\n");

        var first = await CliRunner.RunAsync(string.Empty, "convert", "-i", input, "-o", fresh);
        var second = await CliRunner.RunAsync(string.Empty, "convert", "-i", input, "-o", existing);

        Assert.Equal(1, first.ExitCode);
        Assert.Equal(1, second.ExitCode);
        Assert.False(File.Exists(fresh));
        Assert.Equal("keep me\n", File.ReadAllText(existing));
        Assert.Equal(2, Directory.GetFiles(directory.Path).Length);
    }

    [Fact]
    public async Task Stdin_without_from_is_a_usage_error()
    {
        var result = await CliRunner.RunAsync("{}", "convert", "--to", "json");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--from is required", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stdout_without_to_is_a_usage_error()
    {
        var result = await CliRunner.RunAsync("{}", "convert", "--from", "json");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--to is required", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_extension_is_a_usage_error_naming_the_file()
    {
        using var directory = new TempDirectory();
        var input = directory.File("data.bin", "{}");
        var result = await CliRunner.RunAsync(string.Empty, "convert", "-i", input, "--to", "json");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("data.bin", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--from", "yaml", "--from")]
    [InlineData("--max-depth", "abc", "--max-depth")]
    [InlineData("--max-depth", "0", "--max-depth")]
    [InlineData("--newline", "cr", "--newline")]
    [InlineData("--columns", "qty=Integer", "--columns")]
    [InlineData("--delimiter", "", "--delimiter")]
    [InlineData("--root", "1bad", "--root")]
    [InlineData("--bogus", "x", "--bogus")]
    public async Task Bad_flag_is_a_usage_error_naming_it(string flag, string value, string named)
    {
        string[] args = flag == "--from"
            ? ["convert", flag, value, "--to", "json"]
            : ["convert", "--from", "json", "--to", "json", flag, value];
        var result = await CliRunner.RunAsync("{}", args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_input_file_exits_1()
    {
        using var directory = new TempDirectory();
        var result = await CliRunner.RunAsync(string.Empty, "convert", "-i", directory.File("missing.json"), "--to", "json");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("missing.json", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Same_input_and_output_is_a_usage_error()
    {
        using var directory = new TempDirectory();
        var file = directory.File("same.json", "{}");
        var result = await CliRunner.RunAsync(string.Empty, "convert", "-i", file, "-o", file);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("{}", File.ReadAllText(file));
    }

    [Fact]
    public async Task Max_depth_limits_nesting()
    {
        var result = await CliRunner.RunAsync("[[[1]]]", "convert", "--from", "json", "--to", "json", "--max-depth", "2");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("depth", Assert.Single(result.StderrLines), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Unknown_pipeline_is_a_usage_error()
    {
        var result = await CliRunner.RunAsync("{}", "convert", "--from", "json", "--to", "json", "--pipeline", "nope");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nope", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_pipeline_configuration_exits_1_listing_problems()
    {
        using var directory = new TempDirectory();
        var config = directory.File("gateway.json", """{ "Gateway": { "Pipelines": { "p": [ { "Type": "NoSuchConverter" } ] } } }""");
        var result = await CliRunner.RunAsync("{}", "convert", "--from", "json", "--to", "json", "--config", config, "--pipeline", "p");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Gateway:Pipelines:p:0:Type", result.Stderr, StringComparison.Ordinal);
    }
}
