using System.Globalization;
using System.Text.Json;
using Gateway.Core.Formats;
using Gateway.Core.Formats.Options;
using Gateway.Core.Messages;
using Gateway.Formats;
using Gateway.Tests.Support;

namespace Gateway.Tests.Formats.Options;

/// <summary>
/// The documentation tables of format options and the schema's format-option part name exactly the options the
/// formats describe (<see cref="DataFormat.Options"/>): a new option, a renamed flag or alias, or a changed default
/// fails here until the docs say it.
/// </summary>
public sealed class FormatOptionDocsTests
{
    private static IReadOnlyList<FormatOptionDescriptor> All => BuiltInFormats.Options.All;

    [Fact]
    public void The_cli_table_lists_every_flag_with_its_formats_and_number_defaults()
    {
        var rows = MarkdownTable.Rows("docs/cli.md", "| flag | formats | meaning | default |")
            .ToDictionary(r => MarkdownTable.Code(r[0])[0].Split(' ')[0], StringComparer.Ordinal);
        Assert.Equal(All.Select(d => d.CliFlag).Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        foreach (var descriptor in All)
        {
            var row = rows[descriptor.CliFlag];
            Assert.True(descriptor.Formats == row[1], $"docs/cli.md: {descriptor.CliFlag} concerns '{descriptor.Formats}', the table says '{row[1]}'.");
            if (descriptor.Kind == FormatOptionKind.Number)
            {
                Assert.True(Default(descriptor) == row[3], $"docs/cli.md: {descriptor.CliFlag} defaults to {Default(descriptor)}, the table says '{row[3]}'.");
            }
        }
    }

    [Fact]
    public void The_http_table_lists_every_query_name_and_alias_with_its_formats_and_number_defaults()
    {
        var rows = MarkdownTable.Rows("docs/http.md", "| parameter | formats | meaning | default |")
            .Where(r => MarkdownTable.Code(r[0])[0] != "pipeline")
            .ToDictionary(r => MarkdownTable.Code(r[0])[0], StringComparer.Ordinal);
        Assert.Equal(All.Select(d => d.QueryName).Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        foreach (var descriptor in All)
        {
            var row = rows[descriptor.QueryName];
            Assert.Equal(descriptor.QueryNames, MarkdownTable.Code(row[0]));
            Assert.True(descriptor.Formats == row[1], $"docs/http.md: {descriptor.QueryName} concerns '{descriptor.Formats}', the table says '{row[1]}'.");
            if (descriptor.Kind == FormatOptionKind.Number)
            {
                Assert.True(Default(descriptor) == MarkdownTable.Plain(row[3]), $"docs/http.md: {descriptor.QueryName} defaults to {Default(descriptor)}, the table says '{row[3]}'.");
            }
        }
    }

    [Fact]
    public void The_csv_page_lists_the_csv_options_with_their_flag_and_query_name()
    {
        var rows = MarkdownTable.Rows("docs/formats-csv.md", "| option (config) | CLI / query string | default | reading | writing |")
            .ToDictionary(r => MarkdownTable.Code(r[0])[0], StringComparer.Ordinal);
        var csv = Options(FormatNames.Csv);
        Assert.Equal(csv.Select(d => d.ConfigKey).Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        foreach (var descriptor in csv)
        {
            var names = MarkdownTable.Code(rows[descriptor.ConfigKey][1]).Select(c => c.Split(' ', '=')[0]).ToList();
            Assert.True(names.Count >= 2 && names[0] == descriptor.CliFlag && names[1] == descriptor.QueryName, $"docs/formats-csv.md: {descriptor.ConfigKey} should name `{descriptor.CliFlag}` / `{descriptor.QueryName}`.");
        }
    }

    [Fact]
    public void The_xml_page_lists_the_xml_options()
    {
        var rows = MarkdownTable.Rows("docs/formats-xml.md", "| option | default | direction | meaning |");
        Assert.Equal(
            Options(FormatNames.Xml).Select(d => d.ConfigKey).Order(StringComparer.Ordinal),
            rows.Select(r => MarkdownTable.Code(r[0])[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_input_and_sink_of_the_schema_takes_every_format_option_with_its_default()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "schemas", "gateway.schema.json")));
        var transports = schema.RootElement.GetProperty("definitions").EnumerateObject()
            .Where(d => d.Name.StartsWith("input.", StringComparison.Ordinal) || d.Name.StartsWith("sink.", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(transports, t => t.Name == "input.Tcp");
        foreach (var transport in transports)
        {
            var properties = transport.Value.GetProperty("properties");
            foreach (var descriptor in All)
            {
                Assert.True(properties.TryGetProperty(descriptor.ConfigKey, out var property), $"{transport.Name} lacks the format option {descriptor.ConfigKey}.");
                Assert.True(property.TryGetProperty("description", out _), $"{transport.Name}:{descriptor.ConfigKey} has no description.");
                if (descriptor.Kind == FormatOptionKind.Number)
                {
                    Assert.Equal(Default(descriptor), property.GetProperty("default").GetRawText());
                }
            }
        }
    }

    private static IReadOnlyList<FormatOptionDescriptor> Options(string format) => BuiltInFormats.All.Single(f => f.Name == format).Options;

    /// <summary>The default of a number option, from a fresh <see cref="FormatOptions"/>.</summary>
    private static string Default(FormatOptionDescriptor descriptor) => System.Convert.ToString(
        typeof(FormatOptions).GetProperty(descriptor.ConfigKey)!.GetValue(new FormatOptions()), CultureInfo.InvariantCulture)!;
}
