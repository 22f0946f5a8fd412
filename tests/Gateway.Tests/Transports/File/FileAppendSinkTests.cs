using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Gateway.Core.Routing;
using Gateway.Tests.Cli;
using Gateway.Tests.Transports.Http;

namespace Gateway.Tests.Transports.Files;

public sealed partial class FileAppendSinkTests : IDisposable
{
    private readonly SinkTestHost _host = new();
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task Appends_ndjson_messages_to_one_file_named_after_the_sink()
    {
        await using var sink = _host.Create("File", Section(), FormatNames.Ndjson);

        await SinkTestHost.SendAsync(sink, _host.Message("""[{"a":1},{"a":2}]""", FormatNames.Ndjson));
        await SinkTestHost.SendAsync(sink, _host.Message("""{"a":3}""", FormatNames.Ndjson));
        await SinkTestHost.SendAsync(sink, _host.Message("[]", FormatNames.Ndjson));

        Assert.Equal("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n", Read("s.ndjson"));
        Assert.Single(Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public async Task Writes_the_csv_header_once_per_file()
    {
        await using var sink = _host.Create("File", Section(""" "FileName": "rows" """), FormatNames.Csv);

        await SinkTestHost.SendAsync(sink, _host.Message("""[{"a":1,"b":"x,y"},{"a":2,"b":"line\nbreak"}]""", FormatNames.Csv));
        await SinkTestHost.SendAsync(sink, _host.Message("""{"a":3,"b":"z"}""", FormatNames.Csv));

        Assert.Equal("a,b\r\n1,\"x,y\"\r\n2,\"line\nbreak\"\r\n3,z\r\n", Read("rows.csv"));
    }

    [Fact]
    public async Task A_message_with_another_csv_header_starts_a_new_file()
    {
        await using var sink = _host.Create("File", Section(""" "FileName": "rows" """), FormatNames.Csv);

        await SinkTestHost.SendAsync(sink, _host.Message("""{"a":1}""", FormatNames.Csv));
        await SinkTestHost.SendAsync(sink, _host.Message("""{"b":2}""", FormatNames.Csv));

        Assert.Equal("b\r\n2\r\n", Read("rows.csv"));
        var rolled = Assert.Single(Directory.GetFiles(_temp.Path, "rows.*.csv"));
        Assert.Matches(RolledName(), Path.GetFileName(rolled));
        Assert.Equal("a\r\n1\r\n", File.ReadAllText(rolled));
    }

    [Fact]
    public async Task Headerless_csv_appends_rows_only()
    {
        var options = new FormatOptions { HasHeader = false, NewLine = "\n" };
        await using var sink = _host.Create("File", Section(), FormatNames.Csv, options);

        await SinkTestHost.SendAsync(sink, _host.Message("""{"a":1,"b":2}""", FormatNames.Csv, options));
        await SinkTestHost.SendAsync(sink, _host.Message("""{"c":3}""", FormatNames.Csv, options));

        Assert.Equal("1,2\n3\n", Read("s.csv"));
    }

    [Fact]
    public async Task Rolls_the_file_before_it_would_pass_the_size_limit()
    {
        await using var sink = _host.Create("File", Section(""" "MaxFileBytes": 100 """), FormatNames.Ndjson);
        var lines = Enumerable.Range(0, 30).Select(n => $$"""{"n":{{n}},"text":"{{new string('x', n % 7 * 5)}}"}""").ToList();

        foreach (var line in lines)
        {
            await SinkTestHost.SendAsync(sink, _host.Message(line, FormatNames.Ndjson));
        }

        var files = Directory.GetFiles(_temp.Path);
        Assert.True(files.Length > 5, $"{files.Length} files");
        Assert.All(files, f => Assert.InRange(new FileInfo(f).Length, 1, 100));
        Assert.All(files.Where(f => Path.GetFileName(f) != "s.ndjson"), f => Assert.Matches(RolledName(), Path.GetFileName(f)));
        var written = files.SelectMany(f => File.ReadAllLines(f)).Order(StringComparer.Ordinal);
        Assert.Equal(lines.Order(StringComparer.Ordinal), written);
    }

    [Fact]
    public async Task A_message_larger_than_the_limit_gets_a_file_of_its_own()
    {
        await using var sink = _host.Create("File", Section(""" "MaxFileBytes": 10 """), FormatNames.Ndjson);

        await SinkTestHost.SendAsync(sink, _host.Message("""{"a":"long enough"}""", FormatNames.Ndjson));
        await SinkTestHost.SendAsync(sink, _host.Message("""{"b":"also long"}""", FormatNames.Ndjson));

        Assert.Equal("{\"b\":\"also long\"}\n", Read("s.ndjson"));
        Assert.Equal("{\"a\":\"long enough\"}\n", File.ReadAllText(Assert.Single(Directory.GetFiles(_temp.Path, "s.*.ndjson"))));
    }

    [Fact]
    public async Task Concurrent_sends_append_whole_records()
    {
        await using var sink = _host.Create("File", Section(""" "FlushToDisk": true """), FormatNames.Ndjson);
        var messages = Enumerable.Range(0, 200)
            .Select(n => _host.Message($$"""[{"n":{{n}},"pad":"{{new string('p', n * 37)}}"},{"n":{{n}},"second":true}]""", FormatNames.Ndjson))
            .ToList();

        await Task.WhenAll(messages.Select(m => Task.Run(() => SinkTestHost.SendAsync(sink, m))));

        var lines = Read("s.ndjson").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(400, lines.Length);
        var numbers = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("n").GetInt32()).ToList();
        for (var i = 0; i < numbers.Count; i += 2)
        {
            Assert.Equal(numbers[i], numbers[i + 1]); // the two records of a message stay together
        }

        Assert.Equal(Enumerable.Range(0, 200), numbers.Distinct().Order());
    }

    [Fact]
    public async Task An_existing_file_is_continued_after_its_incomplete_last_record_is_cut_off()
    {
        File.WriteAllText(Path.Combine(_temp.Path, "s.ndjson"), "{\"old\":1}\n{\"old\":");
        await using var sink = _host.Create("File", Section(), FormatNames.Ndjson);

        await SinkTestHost.SendAsync(sink, _host.Message("""{"new":2}""", FormatNames.Ndjson));

        Assert.Equal("{\"old\":1}\n{\"new\":2}\n", Read("s.ndjson"));
    }

    [Fact]
    public async Task An_existing_csv_file_keeps_its_header_or_is_rolled_when_the_header_differs()
    {
        File.WriteAllText(Path.Combine(_temp.Path, "same.csv"), "a,b\r\n1,2\r\n");
        File.WriteAllText(Path.Combine(_temp.Path, "other.csv"), "x\r\n9\r\n");
        await using var same = _host.Create("File", Section(""" "FileName": "same" """), FormatNames.Csv);
        await using var other = _host.Create("File", Section(""" "FileName": "other" """), FormatNames.Csv);

        await SinkTestHost.SendAsync(same, _host.Message("""{"a":3,"b":4}""", FormatNames.Csv));
        await SinkTestHost.SendAsync(other, _host.Message("""{"a":3,"b":4}""", FormatNames.Csv));

        Assert.Equal("a,b\r\n1,2\r\n3,4\r\n", Read("same.csv"));
        Assert.Equal("a,b\r\n3,4\r\n", Read("other.csv"));
        Assert.Equal("x\r\n9\r\n", File.ReadAllText(Assert.Single(Directory.GetFiles(_temp.Path, "other.*.csv"))));
    }

    [Fact]
    public async Task The_file_stays_open_for_reading_and_closes_on_dispose()
    {
        var sink = _host.Create("File", Section(), FormatNames.Ndjson);
        await SinkTestHost.SendAsync(sink, _host.Message("""{"a":1}""", FormatNames.Ndjson));
        var path = Path.Combine(_temp.Path, "s.ndjson");

        // Held open between messages: nobody gets the file to themselves (on Unix .NET takes a shared flock).
        Assert.Throws<IOException>(() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None).Dispose());
        Assert.Equal("{\"a\":1}\n", Read("s.ndjson"));

        await sink.DisposeAsync();
        new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None).Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => SinkTestHost.SendAsync(sink, _host.Message("{}", FormatNames.Ndjson)));
    }

    [Fact]
    public async Task A_full_disk_is_a_transient_failure()
    {
        // Linux's /dev/full fails every write with "no space left on device"; the gateway's CI runs on Linux.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        File.CreateSymbolicLink(Path.Combine(_temp.Path, "s.ndjson"), "/dev/full");
        await using var sink = _host.Create("File", Section(), FormatNames.Ndjson);

        var failure = await Assert.ThrowsAsync<SinkDeliveryException>(() => SinkTestHost.SendAsync(sink, _host.Message("{}", FormatNames.Ndjson)));

        Assert.True(failure.IsTransient);
        Assert.Contains("Could not append to", failure.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(failure.InnerException, exactMatch: false);
    }

    public void Dispose()
    {
        _host.Dispose();
        _temp.Dispose();
    }

    [GeneratedRegex(@"^[a-z]+\.\d{8}T\d{9}(-\d+)?\.(csv|ndjson)$")]
    private static partial Regex RolledName();

    private string Read(string name)
    {
        using var stream = new FileStream(Path.Combine(_temp.Path, name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private string Section(string more = "")
        => $$"""{ "Folder": {{JsonSerializer.Serialize(_temp.Path)}}, "Mode": "Append"{{(more.Length > 0 ? ", " + more : string.Empty)}} }""";
}
