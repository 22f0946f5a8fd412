namespace Gateway.Tests.Cli;

/// <summary><c>gateway convert</c> across the four formats, with their options as flags.</summary>
public sealed class ConvertFormatsTests
{
    [Fact]
    public async Task Csv_with_delimiter_and_inferred_types_to_json()
    {
        var result = await CliRunner.RunAsync("a;b\n1;x\n", "convert", "--from", "csv", "--to", "json", "--delimiter", ";", "--infer-types");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("""[{"a":1,"b":"x"}]""", result.Stdout);
    }

    [Fact]
    public async Task Csv_without_header_with_typed_columns_and_tab_delimiter()
    {
        var result = await CliRunner.RunAsync("a\t2\ttrue\n", "convert", "-f", "Csv", "-t", "Json", "--no-header", "--delimiter", "tab", "--columns", "column2=Number", "--columns", "column3=Boolean");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("""[{"column1":"a","column2":2,"column3":true}]""", result.Stdout);
    }

    [Fact]
    public async Task Csv_with_dotted_headers_unflattens()
    {
        var result = await CliRunner.RunAsync("id,address.city\n1,Lyon\n", "convert", "-f", "csv", "-t", "json", "--unflatten");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("""[{"id":"1","address":{"city":"Lyon"}}]""", result.Stdout);
    }

    [Fact]
    public async Task Json_to_csv_with_lf_and_formula_escaping()
    {
        var result = await CliRunner.RunAsync("""[{"a":"=SUM(A1)","b":-1}]""", "convert", "-f", "json", "-t", "csv", "--newline", "lf", "--escape-formulas");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("a,b\n'=SUM(A1),-1\n", result.Stdout);
    }

    [Fact]
    public async Task Json_to_xml_and_back_with_record_element_and_array_path()
    {
        var xml = await CliRunner.RunAsync("""[{"id":"1","tag":["x"]},{"id":"2","tag":["y","z"]}]""", "convert", "-f", "json", "-t", "xml", "--root", "orders", "--item", "order");
        Assert.True(xml.ExitCode == 0, xml.ToString());
        Assert.Contains("<orders><order><id>1</id>", xml.Stdout, StringComparison.Ordinal);

        var json = await CliRunner.RunAsync(xml.Stdout, "convert", "-f", "xml", "-t", "ndjson", "--record-element", "order", "--array-path", "tag");
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal("{\"id\":\"1\",\"tag\":[\"x\"]}\n{\"id\":\"2\",\"tag\":[\"y\",\"z\"]}\n", json.Stdout);
    }

    [Fact]
    public async Task File_extensions_pick_csv_and_xml()
    {
        using var directory = new TempDirectory();
        var input = directory.File("rows.csv", "a,b\n1,2\n");
        var output = directory.File("rows.xml");
        var result = await CliRunner.RunAsync(string.Empty, "convert", "-i", input, "-o", output, "--item", "row");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("<row><a>1</a><b>2</b></row>", File.ReadAllText(output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_pipeline_runs_between_formats()
    {
        using var directory = new TempDirectory();
        var config = directory.File("gateway.json", """
            { "Gateway": { "Pipelines": { "clean": [ { "Type": "Rename", "Map": { "qty": "quantity" } } ] } } }
            """);
        var result = await CliRunner.RunAsync("sku,qty\nA,2\n", "convert", "-f", "csv", "-t", "ndjson", "--config", config, "--pipeline", "clean");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("{\"sku\":\"A\",\"quantity\":\"2\"}\n", result.Stdout);
    }

    [Fact]
    public async Task A_pipeline_that_keeps_no_record_adds_a_note_on_stderr_and_succeeds()
    {
        using var directory = new TempDirectory();
        var config = directory.File("gateway.json", """
            { "Gateway": { "Pipelines": { "big": [ { "Type": "Filter", "Expression": "qty > `5`" } ] } } }
            """);
        var result = await CliRunner.RunAsync("sku,qty\nA,7\nB,9\n", "convert", "-f", "csv", "-t", "ndjson", "--config", config, "--pipeline", "big");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        Assert.StartsWith("gateway convert: note: pipeline 'big' kept none of the 2 records. When a Filter drops every record, it usually compares a string with a number", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }
}
