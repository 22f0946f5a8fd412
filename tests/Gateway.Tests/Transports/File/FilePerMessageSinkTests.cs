using Gateway.Core.Messages;
using Gateway.Core.Routing;
using Gateway.Tests.Cli;
using Gateway.Tests.Transports.Http;

namespace Gateway.Tests.Transports.Files;

public sealed class FilePerMessageSinkTests : IDisposable
{
    private readonly SinkTestHost _host = new();
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task Writes_one_file_per_message_named_by_its_id_with_the_format_extension()
    {
        var folder = Path.Combine(_temp.Path, "out", "orders");
        await using var sink = _host.Create("File", Section(folder));
        var message = _host.Message("""{"a":1}""");

        await SinkTestHost.SendAsync(sink, message);

        var file = Assert.Single(Directory.GetFiles(folder, "*", SearchOption.AllDirectories));
        Assert.Equal(message.Canonical.Id.ToString("D") + ".json", Path.GetFileName(file));
        Assert.Equal("""{"a":1}""", File.ReadAllText(file));
    }

    [Theory]
    [InlineData(FormatNames.Xml, ".xml", "<a>1</a>")]
    [InlineData(FormatNames.Csv, ".csv", "a\r\n1\r\n")]
    [InlineData(FormatNames.Ndjson, ".ndjson", "{\"a\":1}\n")]
    public async Task Uses_the_extension_and_encoding_of_the_sink_format(string format, string extension, string content)
    {
        await using var sink = _host.Create("File", Section(_temp.Path, """ "FileName": "fixed" """), format);

        await SinkTestHost.SendAsync(sink, _host.Message("""{"a":1}""", format));

        Assert.Equal(content, File.ReadAllText(Path.Combine(_temp.Path, "fixed" + extension)));
    }

    [Fact]
    public async Task Fills_the_file_name_template_and_cleans_path_separators_out_of_values()
    {
        await using var sink = _host.Create("File", Section(_temp.Path, """ "FileName": "{input}-{field:/name}" """));

        await SinkTestHost.SendAsync(sink, _host.Message("""{"name":"../../etc/passwd"}""", inputId: "plc"));
        await SinkTestHost.SendAsync(sink, _host.Message("""{"name":"a\\b\u0001c"}""", inputId: "plc"));

        Assert.Equal(
            ["plc-.._.._etc_passwd.json", "plc-a_b_c.json"],
            Directory.GetFiles(_temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_temp.Path)!, "*passwd*", SearchOption.TopDirectoryOnly));
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    public async Task A_name_that_is_not_a_file_name_fails_permanently(string value)
    {
        await using var sink = _host.Create("File", Section(_temp.Path, """ "FileName": "{field:/name}" """));

        var failure = await Assert.ThrowsAsync<SinkDeliveryException>(
            () => SinkTestHost.SendAsync(sink, _host.Message($$"""{"name":"{{value}}"}""")));

        Assert.False(failure.IsTransient);
        Assert.Contains("does not name a file", failure.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public async Task An_existing_file_fails_the_message_permanently_unless_overwrite_is_on()
    {
        var existing = _temp.File("same.json", "old");
        await using var keep = _host.Create("File", Section(_temp.Path, """ "FileName": "same" """));
        await using var replace = _host.Create("File", Section(_temp.Path, """ "FileName": "same", "Overwrite": true """));

        var failure = await Assert.ThrowsAsync<SinkDeliveryException>(() => SinkTestHost.SendAsync(keep, _host.Message("[1]")));
        Assert.False(failure.IsTransient);
        Assert.Contains("already exists", failure.Message, StringComparison.Ordinal);
        Assert.Equal("old", File.ReadAllText(existing));

        await SinkTestHost.SendAsync(replace, _host.Message("[2]"));
        Assert.Equal("[2]", File.ReadAllText(existing));
        Assert.Single(Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public async Task Concurrent_sends_write_every_file_whole_and_leave_no_temporary_file()
    {
        await using var sink = _host.Create("File", Section(_temp.Path, """ "FlushToDisk": true """));
        var messages = Enumerable.Range(0, 100).Select(n => _host.Message($$"""{"n":{{n}},"pad":"{{new string('x', n * 100)}}"}""")).ToList();

        await Task.WhenAll(messages.Select(m => SinkTestHost.SendAsync(sink, m)));

        Assert.Equal(100, Directory.GetFiles(_temp.Path).Length);
        foreach (var message in messages)
        {
            var written = File.ReadAllBytes(Path.Combine(_temp.Path, message.Canonical.Id.ToString("D") + ".json"));
            Assert.Equal(message.Body.ToArray(), written);
        }
    }

    [Fact]
    public async Task A_folder_that_cannot_be_created_is_a_transient_failure()
    {
        var blocker = _temp.File("not-a-folder", "x");
        await using var sink = _host.Create("File", Section(Path.Combine(blocker, "sub")));

        var failure = await Assert.ThrowsAsync<SinkDeliveryException>(() => SinkTestHost.SendAsync(sink, _host.Message("{}")));

        Assert.True(failure.IsTransient);
        Assert.Contains("Could not write", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _host.Dispose();
        _temp.Dispose();
    }

    private static string Section(string folder, string more = "")
        => $$"""{ "Folder": {{System.Text.Json.JsonSerializer.Serialize(folder)}}{{(more.Length > 0 ? ", " + more : string.Empty)}} }""";
}
