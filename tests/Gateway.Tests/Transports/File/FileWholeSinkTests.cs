using Gateway.Core.Messages;
using Gateway.Core.Routing;
using Gateway.Tests.Cli;
using Gateway.Tests.Transports.Http;
using Gateway.Transports.Folder;

namespace Gateway.Tests.Transports.Files;

public sealed class FileWholeSinkTests : IDisposable
{
    private const string FileId = "0193a5c8-0000-7000-8000-000000000001";

    private readonly SinkTestHost _host = new();
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        _host.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task The_records_of_one_input_file_become_one_output_file_when_the_last_arrives()
    {
        await using var sink = Create(format: FormatNames.Xml);
        var records = Records("orders.csv", 3);

        await SendBatchAsync(sink, records[..2]);
        Assert.Empty(Outputs()); // Not complete yet: nothing the next system could read half of.
        await SinkTestHost.SendAsync(sink, records[2]);

        Assert.Equal(["orders.xml"], Outputs());
        Assert.Equal(
            "<root><item><n>0</n></item><item><n>1</n></item><item><n>2</n></item></root>",
            File.ReadAllText(_temp.File("orders.xml")));
        // The spool is gone; only the small marker that ignores a replay of this file stays (hidden).
        Assert.Equal([$".gateway-{Guid.Parse(FileId):N}.state"], Directory.GetFiles(_temp.Path, ".*").Select(Path.GetFileName));
    }

    [Fact]
    public async Task After_a_crash_the_replayed_records_are_written_once()
    {
        var records = Records("orders.ndjson", 6);
        await using (var first = Create())
        {
            await SendBatchAsync(first, records[..4]);
        }

        // A new sink (a restart) gets again what the route log had not seen acknowledged: records 2 and 3, then the rest.
        await using (var second = Create())
        {
            await SendBatchAsync(second, records[2..5]);
            await SinkTestHost.SendAsync(second, records[5]);
        }

        Assert.Equal(
            """[{"n":0},{"n":1},{"n":2},{"n":3},{"n":4},{"n":5}]""",
            File.ReadAllText(_temp.File("orders.json")));
    }

    [Fact]
    public async Task A_batch_sent_again_in_the_same_process_is_written_once_and_the_parts_of_a_split_record_all_are()
    {
        await using var sink = Create();
        var records = Records("orders.ndjson", 4);
        var parts = new[] { Record("""{"n":"2a"}""", "orders.ndjson", 2, last: false), Record("""{"n":"2b"}""", "orders.ndjson", 2, last: false) };

        await SendBatchAsync(sink, [records[0], records[1], .. parts]);

        // A retry of the whole batch (its acknowledgement was lost, or a later message of it failed): the last
        // record's parts carry the same record number as a next part would, so only their ids tell them apart.
        await SendBatchAsync(sink, [records[0], records[1], .. parts]);
        await SinkTestHost.SendAsync(sink, records[3]);

        Assert.Equal(
            """[{"n":0},{"n":1},{"n":"2a"},{"n":"2b"},{"n":3}]""",
            File.ReadAllText(_temp.File("orders.json")));
    }

    [Fact]
    public async Task What_a_crash_left_after_the_last_saved_batch_is_cut_off()
    {
        var records = Records("a.ndjson", 3);
        await using (var first = Create())
        {
            await SendBatchAsync(first, records[..2]);
        }

        // Half a record written after the state was saved, as a kill in the middle of a write leaves it.
        var spool = Directory.GetFiles(_temp.Path, ".gateway-*.spool").Single();
        File.AppendAllText(spool, "{\"n\":");
        await using (var second = Create())
        {
            await SinkTestHost.SendAsync(second, records[2]);
        }

        Assert.Equal("""[{"n":0},{"n":1},{"n":2}]""", File.ReadAllText(_temp.File("a.json")));
    }

    [Fact]
    public async Task A_replay_of_a_finished_file_is_ignored()
    {
        var records = Records("a.ndjson", 2);
        await using var sink = Create();
        await SendBatchAsync(sink, records);
        File.WriteAllText(_temp.File("a.json"), "taken by the next system");

        await SendBatchAsync(sink, records[1..]);

        Assert.Equal("taken by the next system", File.ReadAllText(_temp.File("a.json")));
    }

    [Fact]
    public async Task A_single_message_file_or_a_message_from_another_input_is_written_as_it_is_encoded()
    {
        await using var sink = Create(""" "FileName": "{input}-{stem}-{ext}" """, FormatNames.Csv);
        var document = Record("""[{"id":"A"},{"id":"B"}]""", "order.xml", 0, last: true, FormatNames.Csv);
        var plain = _host.Message("""{"id":"C"}""", FormatNames.Csv, inputId: "http");

        await SinkTestHost.SendAsync(sink, document);
        await SinkTestHost.SendAsync(sink, plain);

        Assert.Equal(["http--.csv", "in-order-xml.csv"], Outputs());
        Assert.Equal("id\r\nA\r\nB\r\n", File.ReadAllText(_temp.File("in-order-xml.csv")));
    }

    [Fact]
    public async Task The_name_template_knows_name_and_dates()
    {
        await using var sink = Create(""" "FileName": "{date:yyyy}-{name}" """);

        await SinkTestHost.SendAsync(sink, Record("{}", "x.csv", 0, last: true));

        Assert.Equal([$"{DateTime.UtcNow.Year}-x.csv.json"], Outputs());
    }

    [Fact]
    public async Task An_existing_output_fails_permanently_and_the_last_record_can_be_sent_again()
    {
        File.WriteAllText(_temp.File("a.json"), "old");
        await using var sink = Create();
        var records = Records("a.ndjson", 2);

        await SendBatchAsync(sink, records[..1]);
        var refused = await Assert.ThrowsAsync<SinkDeliveryException>(() => SinkTestHost.SendAsync(sink, records[1]));
        Assert.False(refused.IsTransient);
        Assert.Equal($"{_temp.File("a.json")} already exists; the file is not written over it (set Overwrite to true to replace files).", refused.Message);

        File.Delete(_temp.File("a.json")); // The operator clears the way and redrives the dead letter.
        await SinkTestHost.SendAsync(sink, records[1]);
        Assert.Equal("""[{"n":0},{"n":1}]""", File.ReadAllText(_temp.File("a.json")));
    }

    [Fact]
    public async Task An_end_marker_in_place_of_a_dropped_last_record_completes_the_file()
    {
        await using var sink = Create(format: FormatNames.Xml);
        var records = Records("orders.csv", 2);
        records[1] = Marker("orders.csv", 2);

        await SendBatchAsync(sink, records);
        await using var empty = Create(""" "FileName": "none" """);
        await SinkTestHost.SendAsync(empty, Marker("none.csv", 0, FileId.Replace("0001", "0002", StringComparison.Ordinal)));

        Assert.Equal("<root><item><n>0</n></item></root>", File.ReadAllText(_temp.File("orders.xml")));
        Assert.Equal("[]", File.ReadAllText(_temp.File("none.json"))); // Every record was filtered out: a file with none.
    }

    [Fact]
    public async Task An_output_complete_at_a_crash_but_not_renamed_is_renamed_at_start_and_not_written_twice()
    {
        // What a kill between the state saying "complete" and the rename leaves: the state, the hidden output, the spool.
        var id = Guid.Parse(FileId).ToString("N");
        File.WriteAllText(_temp.File($".gateway-{id}.state"), """{"lastRecord":1,"idsOfLast":[],"bytes":0,"finished":true,"output":"a.json"}""");
        File.WriteAllText(_temp.File($".gateway-{id}.output.tmp"), """[{"n":0},{"n":1}]""");
        File.WriteAllText(_temp.File($".gateway-{id}.spool"), "{\"n\":0}\n{\"n\":1}\n");
        // And an abandoned spool (its input file failed halfway 8 days ago), and a fresh one a replay will resume.
        var abandoned = Guid.NewGuid().ToString("N");
        var fresh = Guid.NewGuid().ToString("N");
        foreach (var other in new[] { abandoned, fresh })
        {
            File.WriteAllText(_temp.File($".gateway-{other}.state"), """{"lastRecord":0,"idsOfLast":[],"bytes":8,"finished":false,"output":null}""");
            File.WriteAllText(_temp.File($".gateway-{other}.spool"), "{\"n\":0}\n");
            File.WriteAllText(_temp.File($".gateway-{other}.output.tmp"), "half");
        }

        File.SetLastWriteTimeUtc(_temp.File($".gateway-{abandoned}.state"), DateTime.UtcNow.AddDays(-8));

        await using var sink = Create();
        Assert.Equal(["a.json"], Outputs());
        Assert.Equal("""[{"n":0},{"n":1}]""", File.ReadAllText(_temp.File("a.json")));
        Assert.Equal(
            new[] { $".gateway-{fresh}.spool", $".gateway-{fresh}.state", $".gateway-{id}.state" }.Order(StringComparer.Ordinal),
            Directory.GetFiles(_temp.Path, ".*").Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal));

        // The route log hands the last records over again: they are ignored, no "already exists" failure.
        File.WriteAllText(_temp.File("a.json"), "taken by the next system");
        await SendBatchAsync(sink, Records("a.ndjson", 2));
        Assert.Equal("taken by the next system", File.ReadAllText(_temp.File("a.json")));
    }

    [Theory]
    [InlineData("""{ "Folder": "out", "Mode": "WholeFile", "FileName": "{nope}" }""", "Gateway:Sinks:s:FileName: '{nope}': unknown placeholder")]
    [InlineData("""{ "Folder": "out", "Mode": "WholeFile", "FileName": "{date:q}" }""", "Gateway:Sinks:s:FileName: '{date:q}': '{date:q}': 'q' is not a .NET date format")]
    [InlineData("""{ "Folder": "out", "Mode": "WholeFile", "FileName": "sub/{stem}" }""", "Gateway:Sinks:s:FileName: 'sub/{stem}': FileName is a file name, not a path: remove path separators.")]
    public void Bad_names_are_reported(string section, string expectedStart)
        => Assert.StartsWith(expectedStart, Assert.Single(_host.Errors("File", section)), StringComparison.Ordinal);

    private IMessageSink Create(string extra = "", string format = FormatNames.Json)
    {
        return _host.Create("File", $$"""{ "Folder": {{System.Text.Json.JsonSerializer.Serialize(_temp.Path)}}, "Mode": "WholeFile"{{(extra.Length > 0 ? ", " + extra : "")}} }""", format);
    }

    private OutgoingMessage[] Records(string file, int count)
        => [.. Enumerable.Range(0, count).Select(n => Record($"{{\"n\":{n}}}", file, n, last: n == count - 1))];

    private OutgoingMessage Record(string json, string file, long index, bool last, string format = FormatNames.Json)
    {
        var message = _host.Message(json, format);
        message.Canonical.Metadata[FolderMetadata.Name] = file;
        message.Canonical.Metadata[FolderMetadata.Id] = FileId;
        message.Canonical.Metadata[FolderMetadata.Record] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (last)
        {
            message.Canonical.Metadata[FolderMetadata.Last] = "true";
        }

        return message;
    }

    private static OutgoingMessage Marker(string file, long index, string fileId = FileId)
    {
        var canonical = new Message(ReadOnlyMemory<byte>.Empty, FormatNames.Json, "in");
        canonical.Metadata[FolderMetadata.Name] = file;
        canonical.Metadata[FolderMetadata.Id] = fileId;
        canonical.Metadata[FolderMetadata.Record] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        canonical.Metadata[StreamEnd.Key] = "true";
        canonical.Metadata[StreamEnd.MarkerKey] = "true";
        return new OutgoingMessage(canonical, canonical.Body, FormatNames.Json);
    }

    private static async Task SendBatchAsync(IMessageSink sink, IReadOnlyList<OutgoingMessage> messages)
        => await ((IBatchMessageSink)sink).SendBatchAsync(messages, CancellationToken.None).AsTask().WaitAsync(SinkTestHost.Bound);

    private List<string> Outputs()
        => [.. Directory.GetFiles(_temp.Path).Select(p => Path.GetFileName(p)!).Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal)];
}
