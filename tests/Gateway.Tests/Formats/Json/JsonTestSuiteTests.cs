using Gateway.Core.Formats;
using Gateway.Formats.Json;

namespace Gateway.Tests.Formats.Json;

/// <summary>Every file of JSONTestSuite's test_parsing: y_ accepted, n_ rejected with a located error, i_ never crash.</summary>
public class JsonTestSuiteTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Conformance", "json-test-suite", "test_parsing");

    public static TheoryData<string> Cases(string prefix)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, prefix + "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void The_suite_is_complete()
    {
        Assert.Equal(318, Directory.GetFiles(Folder, "*.json").Length);
    }

    [Theory]
    [MemberData(nameof(Cases), "y_")]
    public void Accepts(string file)
    {
        var (records, error) = Convert(file);
        Assert.Null(error);
        Assert.NotNull(records);
    }

    [Theory]
    [MemberData(nameof(Cases), "n_")]
    public void Rejects(string file)
    {
        var (_, error) = Convert(file);
        Assert.NotNull(error);
        Assert.StartsWith("Invalid JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases), "i_")]
    public async Task Never_crashes_on_implementation_defined(string file)
    {
        // Accepting or rejecting are both fine; any other exception, or not finishing, is not.
        await Task.Run(() => Convert(file)).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [MemberData(nameof(Cases), "i_")]
    public void Rejects_implementation_defined_input_that_is_not_UTF8(string file)
    {
        // Our choice for i_ cases: the canonical form is always valid UTF-8, so such input is rejected.
        var bytes = File.ReadAllBytes(Path.Combine(Folder, file));
        var (_, error) = Convert(file);
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            Assert.NotNull(error);
        }
    }

    [Theory]
    [MemberData(nameof(Cases), "y_")]
    public void Accepts_when_read_one_byte_at_a_time(string file)
    {
        var (records, error) = Convert(file, chunkSize: 1);
        Assert.Null(error);
        Assert.Equal(Convert(file).Output, records);
    }

    private static (string? Output, FormatReadException? Error) Convert(string file, int chunkSize = 0)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, file));
        using Stream input = chunkSize > 0 ? new TrickleStream(bytes, chunkSize) : new MemoryStream(bytes);
        using var output = new MemoryStream();
        var format = new JsonFormat();
        try
        {
            FormatConverter.Convert(input, format, output, format, new FormatOptions { MaxDepth = 1000 });
            return (System.Text.Encoding.UTF8.GetString(output.ToArray()), null);
        }
        catch (FormatReadException ex)
        {
            return (null, ex);
        }
    }
}
