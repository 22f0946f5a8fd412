using System.Text;
using System.Text.Json;
using Gateway.Core.Messages;
using Gateway.Core.Routing;
using Gateway.Tests.Cli;
using Gateway.Tests.Transports.Http;

namespace Gateway.Tests.Transports.Files;

/// <summary>The Append sink's batch path: one header per file, order kept, rolling inside a batch, failures thrown.</summary>
public sealed class FileAppendSinkBatchTests : IDisposable
{
    private readonly SinkTestHost _host = new();
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task A_csv_batch_continues_the_file_under_its_one_header_in_order()
    {
        File.WriteAllText(Path.Combine(_temp.Path, "rows.csv"), "a,b\r\n0,x\r\n");
        await using var sink = Create(""" "FileName": "rows" """, FormatNames.Csv);
        var batch = Enumerable.Range(1, 100).Select(n => _host.Message($$"""{"a":{{n}},"b":"v{{n}}"}""", FormatNames.Csv)).ToList();
        batch.Add(_host.Message("[]", FormatNames.Csv)); // no records: adds nothing
        batch.Add(_host.Message("""[{"a":101,"b":"x,y"},{"a":102,"b":"z"}]""", FormatNames.Csv));

        await SendBatchAsync(sink, batch);

        var expected = "a,b\r\n0,x\r\n" + string.Concat(Enumerable.Range(1, 100).Select(n => $"{n},v{n}\r\n")) + "101,\"x,y\"\r\n102,z\r\n";
        Assert.Equal(expected, Read("rows.csv"));
        Assert.Single(Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public async Task A_header_change_inside_a_batch_rolls_the_file_between_the_two_messages()
    {
        await using var sink = Create(""" "FileName": "rows" """, FormatNames.Csv);

        await SendBatchAsync(sink, [
            _host.Message("""{"a":1}""", FormatNames.Csv),
            _host.Message("""{"a":2}""", FormatNames.Csv),
            _host.Message("""{"b":3}""", FormatNames.Csv),
            _host.Message("""{"b":4}""", FormatNames.Csv)]);

        Assert.Equal("b\r\n3\r\n4\r\n", Read("rows.csv"));
        Assert.Equal("a\r\n1\r\n2\r\n", File.ReadAllText(Assert.Single(Directory.GetFiles(_temp.Path, "rows.*.csv"))));
    }

    [Fact]
    public async Task A_batch_rolls_by_size_and_loses_nothing()
    {
        await using var sink = Create(""" "MaxFileBytes": 100 """, FormatNames.Ndjson);
        var lines = Enumerable.Range(0, 40).Select(n => $$"""{"n":{{n}},"text":"{{new string('x', n % 7 * 5)}}"}""").ToList();

        await SendBatchAsync(sink, [.. lines.Select(l => _host.Message(l, FormatNames.Ndjson))]);
        await SinkTestHost.SendAsync(sink, _host.Message("""{"n":"last"}""", FormatNames.Ndjson));

        var files = Directory.GetFiles(_temp.Path);
        Assert.True(files.Length > 5, $"{files.Length} files");
        Assert.All(files, f => Assert.InRange(new FileInfo(f).Length, 1, 100));
        var written = files.OrderBy(RollOrder).SelectMany(File.ReadAllLines);
        Assert.Equal([.. lines, """{"n":"last"}"""], written);
    }

    [Fact]
    public async Task A_batch_on_a_full_disk_fails_as_transient()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /dev/full is Linux's; the gateway's CI runs on Linux.
        }

        File.CreateSymbolicLink(Path.Combine(_temp.Path, "s.ndjson"), "/dev/full");
        await using var sink = Create(string.Empty, FormatNames.Ndjson);

        var failure = await Assert.ThrowsAsync<SinkDeliveryException>(
            () => SendBatchAsync(sink, [_host.Message("{}", FormatNames.Ndjson), _host.Message("""{"a":1}""", FormatNames.Ndjson)]));

        Assert.True(failure.IsTransient);
        Assert.Contains("Could not append to", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _host.Dispose();
        _temp.Dispose();
    }

    /// <summary>Rolled files in the order they were rolled (s.STAMP, s.STAMP-1, s.STAMP-2, ...), then the current one.</summary>
    private static (string Stamp, int N) RollOrder(string file)
    {
        var parts = Path.GetFileName(file).Split('.');
        if (parts.Length < 3)
        {
            return ("99999999T999999999", 0);
        }

        var dash = parts[1].IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? (parts[1], 0) : (parts[1][..dash], int.Parse(parts[1][(dash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task SendBatchAsync(IMessageSink sink, IReadOnlyList<OutgoingMessage> batch) =>
        await Assert.IsAssignableFrom<IBatchMessageSink>(sink).SendBatchAsync(batch, CancellationToken.None).AsTask().WaitAsync(SinkTestHost.Bound);

    private IMessageSink Create(string more, string format) => _host.Create(
        "File",
        $$"""{ "Folder": {{JsonSerializer.Serialize(_temp.Path)}}, "Mode": "Append"{{(more.Length > 0 ? ", " + more : string.Empty)}} }""",
        format);

    private string Read(string name)
    {
        using var stream = new FileStream(Path.Combine(_temp.Path, name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
