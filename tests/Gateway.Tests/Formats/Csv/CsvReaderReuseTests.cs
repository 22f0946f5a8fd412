using System.Text;
using Gateway.Core.Formats;
using Gateway.Formats.Csv;
using static Gateway.Tests.Formats.Csv.CsvTest;

namespace Gateway.Tests.Formats.Csv;

/// <summary>
/// What CSV readers keep from one document to the next (the header plan cache, the per-thread reader state, the
/// decoded quoted fields) must never change what the next document reads.
/// </summary>
public class CsvReaderReuseTests
{
    [Fact]
    public void Documents_with_different_headers_in_a_row_read_their_own_columns()
    {
        for (var round = 0; round < 3; round++)
        {
            Assert.Equal(["""{"a":"1","b":"2"}"""], Read("a,b\n1,2\n"));
            Assert.Equal(["""{"b":"1","a":"2"}"""], Read("b,a\n1,2\n"));
            Assert.Equal(["""{"a":"1","b":"2","c":"3"}"""], Read("a,b,c\n1,2,3\n"));
            Assert.Equal(["""{"a;b":"1,2"}"""], Read("a;b\n\"1,2\"\n"));
        }
    }

    [Fact]
    public void The_same_header_with_other_options_is_planned_again()
    {
        const string Csv = "x.a,x.b\n1,true\n";
        Assert.Equal(["""{"x.a":"1","x.b":"true"}"""], Read(Csv));
        Assert.Equal(["""{"x":{"a":"1","b":"true"}}"""], Read(Csv, new FormatOptions { Unflatten = true }));
        Assert.Equal(["""{"x.a":1,"x.b":true}"""], Read(Csv, new FormatOptions { InferTypes = true }));
        Assert.Equal(["""{"x.a":1,"x.b":"true"}"""], Read(Csv, new FormatOptions { Columns = { ["x.a"] = ColumnType.Number } }));
        Assert.Equal(["""{"column1":"x.a","column2":"x.b"}""", """{"column1":"1","column2":"true"}"""], Read(Csv, new FormatOptions { HasHeader = false }));
        Assert.Equal(["""{"x.a,x.b":"1,true"}"""], Read(Csv, new FormatOptions { Delimiter = ";" }));
        Assert.Equal(["""{"x.a":"1","x.b":"true"}"""], Read(Csv));
    }

    [Fact]
    public void Changing_an_options_instance_between_documents_is_seen()
    {
        var options = new FormatOptions();
        Assert.Equal(["""{"n":"1"}"""], Read("n\n1\n", options));
        options.Columns["n"] = ColumnType.Number;
        Assert.Equal(["""{"n":1}"""], Read("n\n1\n", options));
        options.Columns["n"] = ColumnType.Boolean;
        Assert.Contains("(Boolean)", ReadError("n\n1\n", options).Message, StringComparison.Ordinal);
        options.Columns.Clear();
        options.MaxFieldLength = 1;
        Assert.Contains("MaxFieldLength", ReadError("nn\n1\n", options).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_are_matched_by_exact_name_whatever_the_comparer_of_the_options()
    {
        var exact = new FormatOptions { Columns = { ["n"] = ColumnType.Number } };
        var ignoringCase = new FormatOptions { Columns = new(StringComparer.OrdinalIgnoreCase) { ["N"] = ColumnType.Number } };
        Assert.Equal(["""{"n":1}"""], Read("n\n1\n", exact));
        Assert.Contains("no such column", ReadError("n\n1\n", ignoringCase).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_with_an_error_is_reported_every_time()
    {
        for (var round = 0; round < 2; round++)
        {
            Assert.Contains("twice", ReadError("a,a\n1,2\n").Message, StringComparison.Ordinal);
            Assert.Contains("no such column", ReadError("a\n1\n", new FormatOptions { Columns = { ["b"] = ColumnType.Number } }).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_malformed_document_does_not_affect_the_next()
    {
        var error = ReadError("a,b\n1,\"never closed\n2,3\n");
        Assert.Equal("line 2", error.Location);
        Assert.Equal(["""{"a":"1","b":"x\"y"}""", """{"a":"2","b":"3"}"""], Read("a,b\n1,\"x\"\"y\"\n2,3\n"));

        Assert.Contains("fields", ReadError("a,b\n1,2,3\n").Message, StringComparison.Ordinal);
        Assert.Equal(["""{"a":"1","b":"2"}"""], Read("a,b\n1,2\n"));

        Assert.Contains("not valid UTF-8", ReadBytesError([.. "a,b\n1,"u8, 0xFF, (byte)'\n']).Message, StringComparison.Ordinal);
        Assert.Equal(["""{"a":"1","b":"2"}"""], Read("a,b\n1,2\n"));
    }

    [Fact]
    public void A_reader_left_before_its_end_leaves_nothing_behind()
    {
        using (var first = Format.CreateReader(Stream("a,b\n1,\"x\"\"y\"\n2,3\n"), new FormatOptions()))
        {
            Assert.True(first.TryRead(out _));
        }

        Assert.Equal(["""{"c":"5"}"""], Read("c\n5\n"));
    }

    [Fact]
    public void Readers_open_at_once_on_one_thread_keep_their_own_state()
    {
        using var first = Format.CreateReader(Stream("a\n\"1\"\"\"\n2\n"), new FormatOptions());
        using var second = Format.CreateReader(Stream("b\n\"3\"\"\"\n4\n"), new FormatOptions());
        Assert.Equal("""{"a":"1\""}""", Next(first));
        Assert.Equal("""{"b":"3\""}""", Next(second));
        Assert.Equal("""{"a":"2"}""", Next(first));
        Assert.Equal("""{"b":"4"}""", Next(second));
        Assert.False(first.TryRead(out _));
        Assert.False(second.TryRead(out _));
    }

    [Theory]
    [InlineData("\"\"\"\"", "\\\"")]
    [InlineData("\"a\"\"\"", "a\\\"")]
    [InlineData("\"\"\"a\"\"b\"\"\"", "\\\"a\\\"b\\\"")]
    [InlineData("\"x,\"\"y\"\"\r\nz\"", "x,\\\"y\\\"\\r\\nz")]
    public void Escaped_quotes_are_decoded(string field, string json)
    {
        Assert.Equal([$$"""{"v":"{{json}}","w":"1"}"""], Read($"v,w\n{field},1\n"));
        Assert.Equal([$$"""{"v":"{{json}}","w":1}"""], Read($"v,w\n{field},1\n", new FormatOptions { InferTypes = true }));
    }

    [Fact]
    public void A_plan_is_reused_for_the_same_header_and_options()
    {
        var options = new FormatOptions { InferTypes = true };
        var header = "id,reuse-test\n"u8;
        var plan = CsvRecordPlan.Create(["id", "reuse-test"], options, "line 1");
        var cache = new CsvPlanCache();
        cache.Add(header[..^1], 2, options, plan);
        Assert.Same(plan, cache.Find(header[..^1], 2, new FormatOptions { InferTypes = true }));
        Assert.Null(cache.Find(header[..^1], 2, new FormatOptions()));
        Assert.Null(cache.Find(header[..^1], 3, options));
        Assert.Null(cache.Find("id,reuse-tesT"u8, 2, options));
        Assert.Null(cache.Find(new byte[CsvPlanCache.MaxHeaderBytes + 1], 2, options));
    }

    [Fact]
    public async Task Readers_on_many_threads_at_once_read_their_own_documents()
    {
        // Few slots for many headers and options: entries are replaced while other threads read them.
        var cases = Enumerable.Range(0, 40).Select(i => (
            Csv: $"h{i % 20},\"q\"\"{i}\"\n{i},\"x\"\"{i}\"\"\"\n",
            Options: new FormatOptions { InferTypes = i % 2 == 0 },
            Expected: i % 2 == 0 ? $$"""{"h{{i % 20}}":{{i}},"q\"{{i}}":"x\"{{i}}\""}""" : $$"""{"h{{i % 20}}":"{{i}}","q\"{{i}}":"x\"{{i}}\""}""")).ToArray();
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var n = 0; n < 2_000; n++)
            {
                var (csv, options, expected) = cases[(n * 7 + worker) % cases.Length];
                var records = Read(csv, options);
                if (records.Count != 1 || records[0] != expected)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        Assert.Equal(0, failures);
    }

    private static MemoryStream Stream(string csv) => new(Encoding.UTF8.GetBytes(csv));

    private static string Next(IRecordReader reader)
    {
        Assert.True(reader.TryRead(out var record));
        return Encoding.UTF8.GetString(record.Span);
    }

    private static FormatReadException ReadBytesError(byte[] csv) => Assert.Throws<FormatReadException>(() =>
    {
        using var reader = Format.CreateReader(new MemoryStream(csv), new FormatOptions());
        while (reader.TryRead(out _))
        {
        }
    });
}
