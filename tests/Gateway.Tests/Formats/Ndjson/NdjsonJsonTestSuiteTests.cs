using Gateway.Core.Formats;
using Gateway.Formats.Json;
using Gateway.Formats.Ndjson;

namespace Gateway.Tests.Formats.Ndjson;

/// <summary>
/// JSONTestSuite again, each single-line document read as one NDJSON line: the NDJSON reader must accept exactly
/// what the JSON reader accepts (y_ in, n_ out, i_ the same verdict as JSON), whatever shortcuts it takes.
/// </summary>
public class NdjsonJsonTestSuiteTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Conformance", "json-test-suite", "test_parsing");

    public static TheoryData<string> SingleLineCases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(file);
            if (Array.IndexOf(bytes, (byte)'\n') < 0 && Array.IndexOf(bytes, (byte)'\r') < 0)
            {
                data.Add(Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SingleLineCases))]
    public void Ndjson_line_verdict_matches_the_json_reader(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, file));
        var asJson = Accepts(new JsonFormat(), bytes);
        var asNdjson = Accepts(new NdjsonFormat(), bytes);
        if (file.StartsWith("y_", StringComparison.Ordinal))
        {
            Assert.True(asNdjson, "a valid JSON document was rejected as an NDJSON line");
        }
        else if (file.StartsWith("n_", StringComparison.Ordinal) && !IsBlank(bytes))
        {
            Assert.False(asNdjson, "an invalid JSON document was accepted as an NDJSON line");
        }
        else if (!IsBlank(bytes) && !file.Contains("BOM", StringComparison.Ordinal))
        {
            Assert.Equal(asJson, asNdjson);
        }
    }

    // A blank line (after a BOM) is no record in NDJSON, while an empty JSON document is an error: the one
    // deliberate difference.
    private static bool IsBlank(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        return span.IndexOfAnyExcept(" \t\r\n"u8) < 0;
    }

    private static bool Accepts(DataFormat format, byte[] bytes)
    {
        try
        {
            using var output = new MemoryStream();
            FormatConverter.Convert(new MemoryStream(bytes), format, output, new NdjsonFormat(), new FormatOptions { MaxDepth = 1000 });
            return true;
        }
        catch (FormatReadException)
        {
            return false;
        }
    }
}
