using System.Text;
using System.Text.Json;
using Gateway.Core.Messages;
using Gateway.Tests.Cli;
using Gateway.Transports.Folder;

namespace Gateway.Tests.Transports.Folder;

/// <summary>
/// The <c>Folder</c> input driven scan by scan (<see cref="FolderInput.ScanOnceAsync"/>) on a fake clock: no
/// watcher, no sleeps. Files are real files in a temporary folder.
/// </summary>
public sealed class FolderInputTests : IDisposable
{
    private static readonly TimeSpan ReadyAfter = TimeSpan.FromSeconds(2);

    private readonly FolderTestHost _host = new();
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        _host.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_ready_csv_file_becomes_one_canonical_message_per_record_and_moves_to_done()
    {
        File.WriteAllText(_temp.File("orders.csv"), "id,qty\r\nA,1\r\nB,2\r\nC,3\r\n");
        var dispatcher = new RecordingDispatcher();
        await using var input = _host.Create(Section(), dispatcher);

        await input.ScanOnceAsync(CancellationToken.None);
        Assert.Empty(dispatcher.Messages); // Seen once: not known to be complete yet.
        _host.Time.Advance(ReadyAfter);
        await input.ScanOnceAsync(CancellationToken.None);

        Assert.Equal(
            ["""{"id":"A","qty":"1"}""", """{"id":"B","qty":"2"}""", """{"id":"C","qty":"3"}"""],
            dispatcher.Messages.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
        Assert.All(dispatcher.Messages, m => Assert.Equal(FormatNames.Json, m.Format));
        Assert.All(dispatcher.Messages, m => Assert.Equal("orders.csv", m.Metadata[FolderMetadata.Name]));
        Assert.Single(dispatcher.Messages.Select(m => m.Metadata[FolderMetadata.Id]).Distinct());
        Assert.Equal(["0", "1", "2"], dispatcher.Messages.Select(m => m.Metadata[FolderMetadata.Record]));
        Assert.Equal([false, false, true], dispatcher.Messages.Select(m => m.Metadata.ContainsKey(FolderMetadata.Last)));
        Assert.Equal("true", dispatcher.Messages[^1].Metadata[FolderMetadata.Last]);
        Assert.False(File.Exists(_temp.File("orders.csv")));
        Assert.True(File.Exists(Path.Combine(_temp.Path, ".done", "orders.csv")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_temp.Path, FolderInput.ProgressFolderName)));
        Assert.Equal(1, input.FilesHandled);
    }

    [Fact]
    public async Task A_file_that_keeps_growing_is_not_read_until_it_stopped_changing_for_ReadyAfter()
    {
        var path = _temp.File("readings.ndjson");
        File.WriteAllText(path, "{\"n\":1}\n");
        var dispatcher = new RecordingDispatcher();
        await using var input = _host.Create(Section(), dispatcher);

        for (var n = 2; n <= 4; n++)
        {
            await input.ScanOnceAsync(CancellationToken.None);
            _host.Time.Advance(ReadyAfter);
            File.AppendAllText(path, $"{{\"n\":{n}}}\n"); // The writer adds a line just before each next scan.
        }

        await input.ScanOnceAsync(CancellationToken.None);
        Assert.Empty(dispatcher.Messages);
        _host.Time.Advance(ReadyAfter - TimeSpan.FromMilliseconds(1));
        await input.ScanOnceAsync(CancellationToken.None);
        Assert.Empty(dispatcher.Messages);
        _host.Time.Advance(TimeSpan.FromMilliseconds(1));
        await input.ScanOnceAsync(CancellationToken.None);

        Assert.Equal(["{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}"], dispatcher.Messages.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
    }

    [Fact]
    public async Task A_tmp_or_hidden_file_is_never_read_and_is_read_once_renamed()
    {
        File.WriteAllText(_temp.File("orders.csv.tmp"), "id\r\nA\r\n");
        File.WriteAllText(_temp.File(".orders.csv"), "id\r\nB\r\n");
        File.WriteAllText(_temp.File("notes.txt"), "not a csv");
        var dispatcher = new RecordingDispatcher();
        await using var input = _host.Create(Section(""" "Pattern": "*.csv;*.tmp" """), dispatcher);

        await input.ScanOnceAsync(CancellationToken.None);
        _host.Time.Advance(ReadyAfter);
        await input.ScanOnceAsync(CancellationToken.None);
        Assert.Empty(dispatcher.Messages);

        File.Move(_temp.File("orders.csv.tmp"), _temp.File("orders.csv"));
        await input.ScanOnceAsync(CancellationToken.None);
        _host.Time.Advance(ReadyAfter);
        await input.ScanOnceAsync(CancellationToken.None);

        Assert.Equal(["""{"id":"A"}"""], dispatcher.Messages.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
        Assert.True(File.Exists(_temp.File(".orders.csv")));
        Assert.True(File.Exists(_temp.File("notes.txt")));
    }

    [Fact]
    public async Task A_malformed_file_moves_to_failed_with_an_error_file_naming_the_record_and_the_reason()
    {
        File.WriteAllText(_temp.File("bad.ndjson"), "{\"n\":1}\n{\"n\":2}\n{\"n\":\n{\"n\":4}\n");
        var dispatcher = new RecordingDispatcher();
        await using var input = _host.Create(Section(), dispatcher);

        await ReadyScanAsync(input);

        var failed = Path.Combine(_temp.Path, ".failed");
        Assert.Equal(["bad.ndjson", "bad.ndjson.error.json"], Directory.GetFiles(failed).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("{\"n\":1}\n{\"n\":2}\n{\"n\":\n{\"n\":4}\n", File.ReadAllText(Path.Combine(failed, "bad.ndjson")));
        using var error = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(failed, "bad.ndjson.error.json")));
        var root = error.RootElement;
        Assert.Equal("bad.ndjson", root.GetProperty("file").GetString());
        Assert.Equal("in", root.GetProperty("input").GetString());
        Assert.Equal(3, root.GetProperty("record").GetInt64());
        Assert.Equal("line 3, column 6", root.GetProperty("location").GetString());
        Assert.Equal(
            "Invalid JSON: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed (line 3, column 6)",
            root.GetProperty("error").GetString());
        Assert.Equal(2, root.GetProperty("recordsDelivered").GetInt64());
        Assert.Equal(_host.Time.GetUtcNow(), root.GetProperty("failedAt").GetDateTimeOffset());
        Assert.Equal(2, dispatcher.Messages.Count);
        Assert.DoesNotContain(dispatcher.Messages, m => m.Metadata.ContainsKey(FolderMetadata.Last));
    }

    [Fact]
    public async Task After_a_stop_in_the_middle_of_a_file_a_new_input_resumes_after_the_stored_records_with_the_same_file_id()
    {
        var lines = Enumerable.Range(0, 10).Select(n => $"{{\"n\":{n}}}").ToList();
        File.WriteAllText(_temp.File("big.ndjson"), string.Join('\n', lines) + "\n");
        var first = new RecordingDispatcher { FailFromBatch = 3 }; // Batches of 3 records: the first two are stored.
        await using (var input = _host.Create(Section(""" "BatchRecords": 3 """), first))
        {
            await ReadyScanAsync(input);
        }

        Assert.True(File.Exists(_temp.File("big.ndjson")), "the file must stay until every record is stored");
        Assert.Equal(lines[..6], first.Messages.Select(m => Encoding.UTF8.GetString(m.Body.Span)));

        var second = new RecordingDispatcher();
        await using (var input = _host.Create(Section(""" "BatchRecords": 3 """), second))
        {
            await ReadyScanAsync(input);
        }

        Assert.Equal(lines[6..], second.Messages.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
        Assert.Equal(["6", "7", "8", "9"], second.Messages.Select(m => m.Metadata[FolderMetadata.Record]));
        Assert.Equal(first.Messages[0].Metadata[FolderMetadata.Id], second.Messages[0].Metadata[FolderMetadata.Id]);
        Assert.True(File.Exists(Path.Combine(_temp.Path, ".done", "big.ndjson")));
    }

    [Fact]
    public async Task A_changed_file_of_the_same_name_starts_from_the_beginning_despite_a_stored_offset()
    {
        var path = _temp.File("a.ndjson");
        File.WriteAllText(path, "{\"n\":0}\n{\"n\":1}\n{\"n\":2}\n");
        await using (var input = _host.Create(Section(""" "BatchRecords": 1 """), new RecordingDispatcher { FailFromBatch = 2 }))
        {
            await ReadyScanAsync(input);
        }

        File.WriteAllText(path, "{\"m\":0}\n{\"m\":1}\n");
        var dispatcher = new RecordingDispatcher();
        await using (var input = _host.Create(Section(), dispatcher))
        {
            await ReadyScanAsync(input);
        }

        Assert.Equal(["{\"m\":0}", "{\"m\":1}"], dispatcher.Messages.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
    }

    [Fact]
    public async Task Document_mode_hands_over_the_whole_file_as_one_message_in_its_format()
    {
        File.WriteAllText(_temp.File("order.xml"), "<order><id>7</id></order>");
        var dispatcher = new RecordingDispatcher();
        await using var input = _host.Create(Section(""" "Mode": "Document" """), dispatcher);

        await ReadyScanAsync(input);

        var message = Assert.Single(dispatcher.Messages);
        Assert.Equal(FormatNames.Xml, message.Format);
        Assert.Equal("<order><id>7</id></order>", Encoding.UTF8.GetString(message.Body.Span));
        Assert.Equal("true", message.Metadata[FolderMetadata.Last]);
        Assert.True(File.Exists(Path.Combine(_temp.Path, ".done", "order.xml")));
    }

    [Fact]
    public async Task Document_mode_fails_a_file_larger_than_MaxDocumentBytes()
    {
        File.WriteAllText(_temp.File("big.json"), "[1,2,3,4,5]");
        var dispatcher = new RecordingDispatcher();
        await using var input = _host.Create(Section(""" "Mode": "Document", "MaxDocumentBytes": 10 """), dispatcher);

        await ReadyScanAsync(input);

        Assert.Empty(dispatcher.Messages);
        using var error = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_temp.Path, ".failed", "big.json.error.json")));
        Assert.Equal(
            "The file has 11 bytes, more than MaxDocumentBytes (10); use Mode Records to stream it.",
            error.RootElement.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, error.RootElement.GetProperty("record").ValueKind);
    }

    [Fact]
    public async Task Recursive_reads_subfolders_keeps_them_under_done_and_never_rereads_done()
    {
        Directory.CreateDirectory(_temp.File("eu"));
        File.WriteAllText(_temp.File("eu/a.ndjson"), "{\"n\":1}\n");
        var dispatcher = new RecordingDispatcher();
        await using var input = _host.Create(Section(""" "Recursive": true """), dispatcher);

        await ReadyScanAsync(input);
        await ReadyScanAsync(input);

        var message = Assert.Single(dispatcher.Messages);
        Assert.Equal("eu/a.ndjson", message.Metadata[FolderMetadata.Name]);
        Assert.True(File.Exists(Path.Combine(_temp.Path, ".done", "eu", "a.ndjson")));
    }

    [Fact]
    public async Task A_name_already_in_done_gets_the_time_added_and_Delete_removes_instead()
    {
        Directory.CreateDirectory(_temp.File(".done"));
        File.WriteAllText(_temp.File(".done/a.ndjson"), "old");
        File.WriteAllText(_temp.File("a.ndjson"), "{\"n\":1}\n");
        await using (var input = _host.Create(Section(), new RecordingDispatcher()))
        {
            await ReadyScanAsync(input);
        }

        Assert.Equal(
            ["a.20261207T100002000Z.ndjson", "a.ndjson"],
            Directory.GetFiles(_temp.File(".done")).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        File.WriteAllText(_temp.File("b.ndjson"), "{\"n\":1}\n");
        await using (var input = _host.Create(Section(""" "Delete": true """), new RecordingDispatcher()))
        {
            await ReadyScanAsync(input);
        }

        Assert.False(File.Exists(_temp.File("b.ndjson")));
        Assert.False(File.Exists(_temp.File(".done/b.ndjson")));
    }

    [Fact]
    public async Task A_file_whose_extension_names_no_format_fails_unless_Format_is_set()
    {
        File.WriteAllText(_temp.File("data.txt"), "{\"n\":1}\n");
        var dispatcher = new RecordingDispatcher();
        await using (var input = _host.Create(Section(), dispatcher))
        {
            await ReadyScanAsync(input);
        }

        using var error = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_temp.Path, ".failed", "data.txt.error.json")));
        Assert.Equal(
            "No Format is configured and the extension of 'data.txt' names none; known formats: Csv, Json, Ndjson, Xml.",
            error.RootElement.GetProperty("error").GetString());

        File.WriteAllText(_temp.File("more.txt"), "{\"n\":1}\n");
        await using (var input = _host.Create(Section(), dispatcher, format: FormatNames.Ndjson))
        {
            await ReadyScanAsync(input);
        }

        Assert.Equal(["{\"n\":1}"], dispatcher.Messages.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
    }

    private async Task ReadyScanAsync(FolderInput input)
    {
        await input.ScanOnceAsync(CancellationToken.None);
        _host.Time.Advance(ReadyAfter);
        await input.ScanOnceAsync(CancellationToken.None);
    }

    private string Section(string extra = "")
        => $$"""{ "Type": "Folder", "Path": {{JsonSerializer.Serialize(_temp.Path)}}{{(extra.Length > 0 ? ", " + extra : "")}} }""";
}
