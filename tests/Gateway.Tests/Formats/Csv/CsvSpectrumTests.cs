using Gateway.Formats.Json;
using static Gateway.Tests.Formats.Csv.CsvTest;

namespace Gateway.Tests.Formats.Csv;

/// <summary>csv-spectrum (github.com/maxogden/csv-spectrum, BSD-2-Clause): every CSV gives exactly its JSON.</summary>
public class CsvSpectrumTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Conformance", "csv-spectrum");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Folder, "csvs"), "*.csv").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Fact]
    public void The_suite_is_complete()
    {
        Assert.Equal(11, Directory.GetFiles(Path.Combine(Folder, "csvs"), "*.csv").Length);
        Assert.Equal(11, Directory.GetFiles(Path.Combine(Folder, "json"), "*.json").Length);
        Assert.True(File.Exists(Path.Combine(Folder, "LICENSE")));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Converts_exactly(string name)
    {
        var csv = File.ReadAllBytes(Path.Combine(Folder, "csvs", name + ".csv"));
        var expected = File.ReadAllText(Path.Combine(Folder, "json", name + ".json"));

        using var input = new MemoryStream(csv);
        using var output = new MemoryStream();
        Gateway.Core.Formats.FormatConverter.Convert(input, Format, output, new JsonFormat(), new Gateway.Core.Formats.FormatOptions());

        JsonStructure.AssertEqual(expected, System.Text.Encoding.UTF8.GetString(output.ToArray()));
    }
}
