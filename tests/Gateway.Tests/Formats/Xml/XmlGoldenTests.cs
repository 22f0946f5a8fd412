using System.Text.Json;
using System.Text.Json.Serialization;
using Gateway.Core.Formats;
using Gateway.Formats.Json;
using Gateway.Formats.Xml;

namespace Gateway.Tests.Formats.Xml;

/// <summary>
/// Drives the golden files in <c>samples/xml/</c> through the converter, as <c>gateway convert</c> does:
/// <c>read/NAME.xml</c> converted to JSON must equal <c>read/NAME.json</c> (compared structurally: property order,
/// kinds and number literals must match; whitespace does not) and <c>write/NAME.json</c> converted to XML must be
/// exactly <c>write/NAME.xml</c>. <c>NAME.options.json</c> holds the <see cref="FormatOptions"/> of a case.
/// A top-level JSON array is a sequence of records, so it is written as root and item elements.
/// </summary>
public class XmlGoldenTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "samples", "xml");

    private static readonly JsonSerializerOptions OptionsJson = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static TheoryData<string, int> ReadCases() => Cases("read", ".xml");

    public static TheoryData<string, int> WriteCases() => Cases("write", ".json");

    [Fact]
    public void The_golden_files_are_there()
    {
        Assert.True(ReadCases().Count >= 2 * 10, "expected at least 10 read goldens");
        Assert.True(WriteCases().Count >= 2 * 6, "expected at least 6 write goldens");
    }

    [Theory]
    [MemberData(nameof(ReadCases))]
    public void Reads_as_the_expected_JSON(string name, int chunkSize)
    {
        var input = File.ReadAllText(Path.Combine(Root, "read", name + ".xml"));
        var actual = Convert.Text(input, new XmlFormat(), new JsonFormat(), LoadOptions("read", name), chunkSize);
        JsonStructure.AssertEqual(File.ReadAllText(Path.Combine(Root, "read", name + ".json")), actual);
    }

    [Theory]
    [MemberData(nameof(WriteCases))]
    public void Writes_as_the_expected_XML(string name, int chunkSize)
    {
        var input = File.ReadAllText(Path.Combine(Root, "write", name + ".json"));
        var actual = Convert.Text(input, new JsonFormat(), new XmlFormat(), LoadOptions("write", name), chunkSize);
        var expected = File.ReadAllText(Path.Combine(Root, "write", name + ".xml")).ReplaceLineEndings("\n").TrimEnd('\n');
        Assert.Equal(expected, actual);
    }

    /// <summary>Every case twice: read at once, and trickled a byte at a time to exercise buffer refills.</summary>
    private static TheoryData<string, int> Cases(string folder, string extension)
    {
        var data = new TheoryData<string, int>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, folder), "*" + extension).Order(StringComparer.Ordinal))
        {
            if (!file.EndsWith(".options.json", StringComparison.Ordinal))
            {
                data.Add(Path.GetFileNameWithoutExtension(file), 0);
                data.Add(Path.GetFileNameWithoutExtension(file), 1);
            }
        }

        return data;
    }

    private static FormatOptions LoadOptions(string folder, string name)
    {
        var file = Path.Combine(Root, folder, name + ".options.json");
        return File.Exists(file)
            ? JsonSerializer.Deserialize<FormatOptions>(File.ReadAllText(file), OptionsJson)!
            : new FormatOptions();
    }
}
