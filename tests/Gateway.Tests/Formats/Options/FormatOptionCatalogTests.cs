using System.Reflection;
using Gateway.Core.Formats;
using Gateway.Core.Formats.Options;
using Gateway.Formats;
using Gateway.Tests.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Formats.Options;

public sealed class FormatOptionCatalogTests : IClassFixture<GatewayAppFactory>
{
    /// <summary>
    /// Every name a user may write today, as it was before the options were described per format: configuration key,
    /// CLI flag, query-string name and aliases. Renaming or dropping one breaks someone's config, script or URL.
    /// </summary>
    private static readonly string[] Names =
    [
        "Delimiter --delimiter delimiter",
        "HasHeader --no-header header hasHeader",
        "InferTypes --infer-types inferTypes",
        "Columns --columns columns column",
        "Unflatten --unflatten unflatten",
        "EscapeFormulas --escape-formulas escapeFormulas",
        "HeaderPolicy --header-policy headerPolicy",
        "HeaderColumns --header-columns headerColumns",
        "UnionBufferBytes --union-buffer-bytes unionBufferBytes",
        "NewLine --newline newline",
        "MaxColumns --max-columns maxColumns",
        "MaxFieldLength --max-field-length maxFieldLength",
        "MaxRecordBytes --max-record-bytes maxRecordBytes",
        "RootElement --root root rootElement",
        "ItemElement --item item itemElement",
        "ArrayPaths --array-path arrayPath arrayPaths",
        "RecordElement --record-element recordElement",
        "Records --records records",
        "MaxDocumentChars --max-document-chars maxDocumentChars",
        "MaxAttributes --max-attributes maxAttributes",
        "MaxNames --max-names maxNames",
        "Strict --strict strict",
        "MaxDepth --max-depth maxDepth",
        "Pretty --pretty pretty",
    ];

    private readonly GatewayAppFactory _factory;

    public FormatOptionCatalogTests(GatewayAppFactory factory) => _factory = factory;

    [Fact]
    public void Every_name_and_alias_is_kept()
    {
        var now = BuiltInFormats.Options.All.Select(d => string.Join(' ', [d.ConfigKey, d.CliFlag, .. d.QueryNames]));
        Assert.Equal(Names.Order(StringComparer.Ordinal), now.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_format_option_has_one_descriptor()
    {
        var settable = typeof(FormatOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name);
        Assert.Equal(settable.Order(StringComparer.Ordinal), BuiltInFormats.Options.ConfigKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_cli_knows_the_options_of_every_format_the_host_registers()
    {
        var registered = _factory.Services.GetRequiredService<FormatRegistry>().Options.All;
        Assert.Equal(registered, BuiltInFormats.Options.All);
    }

    [Theory]
    [InlineData("Json", "Records, MaxDepth, Pretty, MaxDocumentChars")]
    [InlineData("Ndjson", "MaxDepth, MaxDocumentChars")]
    [InlineData("Xml", "InferTypes, RootElement, ItemElement, ArrayPaths, RecordElement, Strict, Pretty, MaxDepth, MaxDocumentChars, MaxAttributes, MaxNames")]
    [InlineData(
        "Csv",
        "Delimiter, HasHeader, InferTypes, Columns, Unflatten, EscapeFormulas, HeaderPolicy, HeaderColumns, UnionBufferBytes, NewLine, MaxColumns, MaxFieldLength, MaxRecordBytes, MaxDepth")]
    public void Each_format_lists_the_options_it_reads(string format, string keys)
        => Assert.Equal(keys, string.Join(", ", BuiltInFormats.All.Single(f => f.Name == format).Options.Select(d => d.ConfigKey)));

    [Fact]
    public void Names_are_unique()
    {
        var query = BuiltInFormats.Options.All.SelectMany(d => d.QueryNames).ToList();
        Assert.Equal(query.Count, query.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var cli = BuiltInFormats.Options.All.Select(d => d.CliFlag).ToList();
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
            ("headerPolicy", "Columns"),
            ("headerColumns", "a,b"),
            ("maxDocumentChars", "9000000000"),
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
        Assert.Equal(CsvHeaderPolicy.Columns, options.HeaderPolicy);
        Assert.Equal(["a", "b"], options.HeaderColumns);
        Assert.Equal(9_000_000_000, options.MaxDocumentChars);
        Assert.Equal(10, options.MaxDepth);
        Assert.True(options.Pretty);
    }

    [Fact]
    public void Without_values_the_options_are_the_conversion_defaults()
    {
        var errors = new List<string>();
        var options = Bind(errors);
        Assert.Empty(errors);
        Assert.Equal(FormatOptions.AutoDelimiter, options.Delimiter);
        Assert.Equal(new FormatOptions().MaxDepth, options.MaxDepth);
    }

    [Theory]
    [InlineData("delimiter", "\"", "query parameter 'delimiter': the delimiter must not contain a quote or a line break.")]
    [InlineData("delimiter", "", "query parameter 'delimiter': the delimiter must not be empty.")]
    [InlineData("columns", "=Number", "query parameter 'columns': '=Number' is not name=Type (for example qty=Number).")]
    [InlineData("column", "a=1", "query parameter 'columns': 'a=1' has an unknown type '1'; use String, Number, Boolean, Json.")]
    [InlineData("columns", "a=", "query parameter 'columns': 'a=' is not name=Type (for example qty=Number).")]
    [InlineData("newline", "\\r", "query parameter 'newline': '\\r' is not a line ending; use lf or crlf.")]
    [InlineData("itemElement", "a b", "query parameter 'item': 'a b' is not a valid XML element name.")]
    [InlineData("recordElement", "", "query parameter 'recordElement': the element name must not be empty.")]
    [InlineData("arrayPath", ",", "query parameter 'arrayPath': the path must not be empty.")]
    [InlineData("headerPolicy", "1", "query parameter 'headerPolicy': '1' is not one of first, union, columns.")]
    [InlineData("headerPolicy", "Columns", "query parameter 'headerColumns': HeaderPolicy Columns needs the list of columns in HeaderColumns.")]
    [InlineData("maxDepth", "1001", "query parameter 'maxDepth': The field MaxDepth must be between 1 and 1000.")]
    [InlineData("maxDepth", "-1", "query parameter 'maxDepth': '-1' is not a whole number between 0 and 2147483647.")]
    [InlineData("maxFieldLength", "99999999999", "query parameter 'maxFieldLength': '99999999999' is not a whole number between 0 and 2147483647.")]
    [InlineData("pretty", "sometimes", "query parameter 'pretty': 'sometimes' is not a boolean; use true or false.")]
    [InlineData("records", "data", "query parameter 'records': ")]
    public void Bad_values_are_errors_naming_the_option(string name, string value, string expected)
    {
        var errors = new List<string>();
        Bind(errors, (name, value));
        var error = Assert.Single(errors);
        if (name == "records")
        {
            Assert.StartsWith(expected, error, StringComparison.Ordinal); // the pointer's own message is JsonPointer's
        }
        else
        {
            Assert.Equal(expected, error);
        }
    }

    [Fact]
    public void Cli_errors_name_the_flag()
    {
        var errors = new List<string>();
        FormatOptionsBinder.Bind([(BuiltInFormats.Options.FindByQueryName("maxDepth")!, "0")], BuiltInFormats.Options, cli: true, errors);
        Assert.Equal("--max-depth: The field MaxDepth must be between 1 and 1000.", Assert.Single(errors));
    }

    private static FormatOptions Bind(List<string> errors, params (string Name, string Value)[] values) =>
        FormatOptionsBinder.Bind(values.Select(v => (BuiltInFormats.Options.FindByQueryName(v.Name)!, v.Value)), BuiltInFormats.Options, cli: false, errors);
}
