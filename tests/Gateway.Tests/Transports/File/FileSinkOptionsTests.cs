using System.Text.Json;
using Gateway.Tests.Transports.Http;

namespace Gateway.Tests.Transports.Files;

public sealed class FileSinkOptionsTests : IDisposable
{
    private readonly SinkTestHost _host = new();

    [Theory]
    [InlineData("""{ "Folder": "out" }""")]
    [InlineData("""{ "Folder": "out", "FileName": "{input}-{topic[1]}-{field:/id}", "Overwrite": true, "FlushToDisk": true }""")]
    [InlineData("""{ "Folder": "out", "Mode": "Append", "Format": "Ndjson", "FileName": "readings", "MaxFileBytes": 1024 }""")]
    [InlineData("""{ "Folder": "out", "Mode": "Append", "Format": "csv" }""")]
    public void Accepts_valid_sections(string section) => Assert.Empty(_host.Errors("File", section));

    [Theory]
    [InlineData("""{ }""", "Folder", "Folder is required")]
    [InlineData("""{ "Folder": "out", "FileName": "sub/{id}" }""", "FileName", "is a file name, not a path")]
    [InlineData("""{ "Folder": "out", "FileName": "..\\{id}" }""", "FileName", "is a file name, not a path")]
    [InlineData("""{ "Folder": "out", "FileName": ".." }""", "FileName", "cannot be empty, '.' or '..'")]
    [InlineData("""{ "Folder": "out", "FileName": "{nope}" }""", "FileName", "unknown placeholder")]
    [InlineData("""{ "Folder": "out", "Mode": "Append", "Format": "Ndjson", "FileName": "{input}" }""", "FileName", "placeholders are for PerMessage mode")]
    [InlineData("""{ "Folder": "out", "Mode": "Append" }""", "Mode", "needs Format Ndjson or Csv")]
    [InlineData("""{ "Folder": "out", "Mode": "Append", "Format": "Xml" }""", "Mode", "(Format is Xml)")]
    [InlineData("""{ "Folder": "out", "Mode": "Append", "Format": "Ndjson", "MaxFileBytes": 0 }""", "MaxFileBytes", "at least 1")]
    public void Rejects_bad_sections_naming_the_option(string section, string option, string expected)
    {
        var error = Assert.Single(_host.Errors("File", section));

        Assert.StartsWith($"{SinkTestHost.SinkPath}:{option}: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_unknown_mode()
        => Assert.Contains("Rotate", Assert.Single(_host.Errors("File", """{ "Folder": "out", "Mode": "Rotate" }""")), StringComparison.Ordinal);

    [Fact]
    public void An_append_sink_is_refused_when_the_context_format_cannot_append()
    {
        var folder = JsonSerializer.Serialize(Path.GetTempPath());

        var error = Assert.Throws<Gateway.Core.Configuration.GatewayConfigurationException>(
            () => _host.Create("File", $$"""{ "Folder": {{folder}}, "Mode": "Append", "Format": "Ndjson" }""", "Xml"));

        Assert.Contains($"{SinkTestHost.SinkPath}:Mode: ", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _host.Dispose();
}
