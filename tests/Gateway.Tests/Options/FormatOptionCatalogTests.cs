using System.Reflection;
using Gateway.Core.Formats;
using Gateway.Options;

namespace Gateway.Tests.Options;

public sealed class FormatOptionCatalogTests
{
    [Fact]
    public void Every_format_option_can_be_set_from_the_cli_and_the_query_string()
    {
        var settable = typeof(FormatOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name);
        Assert.Empty(settable.Except(FormatOptionCatalog.All.Select(d => d.Property)));
    }

    [Fact]
    public void Names_are_unique()
    {
        var query = FormatOptionCatalog.All.SelectMany(d => d.QueryAliases.Append(d.QueryName)).ToList();
        Assert.Equal(query.Count, query.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var cli = FormatOptionCatalog.All.Select(d => d.CliFlag).ToList();
        Assert.Equal(cli.Count, cli.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Values_parse_into_options()
    {
        var errors = new List<string>();
        var options = Bind(
            errors,
            ("delimiter", "tab"),
            ("header", "false"),
            ("inferTypes", string.Empty),
            ("columns", "qty=number, ok=Boolean"),
            ("columns", "raw=Json"),
            ("newline", "LF"),
            ("root", "orders"),
            ("arrayPath", "order/line,order/note"),
            ("arrayPath", "x"),
            ("maxDepth", "10"),
            ("pretty", "yes"));
        Assert.Empty(errors);
        Assert.Equal("\t", options.Delimiter);
        Assert.False(options.HasHeader);
        Assert.True(options.InferTypes);
        Assert.Equal(ColumnType.Number, options.Columns["qty"]);
        Assert.Equal(ColumnType.Boolean, options.Columns["ok"]);
        Assert.Equal(ColumnType.Json, options.Columns["raw"]);
        Assert.Equal("\n", options.NewLine);
        Assert.Equal("orders", options.RootElement);
        Assert.Equal(["order/line", "order/note", "x"], options.ArrayPaths);
        Assert.Equal(10, options.MaxDepth);
        Assert.True(options.Pretty);
    }

    [Theory]
    [InlineData("delimiter", "\"")]
    [InlineData("delimiter", "")]
    [InlineData("columns", "=Number")]
    [InlineData("columns", "a=1")]
    [InlineData("columns", "a=")]
    [InlineData("newline", "\\r")]
    [InlineData("item", "a b")]
    [InlineData("recordElement", "")]
    [InlineData("arrayPath", ",")]
    [InlineData("maxDepth", "1001")]
    [InlineData("maxDepth", "-1")]
    [InlineData("maxFieldLength", "99999999999")]
    [InlineData("pretty", "sometimes")]
    public void Bad_values_are_errors_naming_the_option(string name, string value)
    {
        var errors = new List<string>();
        Bind(errors, (name, value));
        var error = Assert.Single(errors);
        Assert.StartsWith($"query parameter '{FormatOptionCatalog.FindByQueryName(name)!.QueryName}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Cli_errors_name_the_flag()
    {
        var errors = new List<string>();
        FormatOptionsBinder.Bind([(FormatOptionCatalog.FindByQueryName("maxDepth")!, "0")], cli: true, errors);
        Assert.StartsWith("--max-depth: ", Assert.Single(errors), StringComparison.Ordinal);
    }

    private static FormatOptions Bind(List<string> errors, params (string Name, string Value)[] values) =>
        FormatOptionsBinder.Bind(values.Select(v => (FormatOptionCatalog.FindByQueryName(v.Name)!, v.Value)), cli: false, errors);
}
