using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Gateway.Core.Formats;

namespace Gateway.Tests.Formats.Xml;

/// <summary>
/// Drives the golden files in <c>samples/xml/</c>: <c>read/NAME.xml</c> must read as <c>read/NAME.json</c> (a JSON
/// array of the records when the document is a sequence) and <c>write/NAME.json</c> must write as
/// <c>write/NAME.xml</c>. <c>NAME.options.json</c> holds <see cref="FormatOptions"/>; for writing it may also say
/// <c>"IsSequence": true</c>, making each item of the top-level array one record.
/// </summary>
public class XmlGoldenTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "samples", "xml");

    private static readonly JsonSerializerOptions OptionsJson = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static TheoryData<string> ReadCases() => Cases("read", ".xml");

    public static TheoryData<string> WriteCases() => Cases("write", ".json");

    [Fact]
    public void The_golden_files_are_there()
    {
        Assert.True(ReadCases().Count >= 10, "expected at least 10 read goldens");
        Assert.True(WriteCases().Count >= 6, "expected at least 6 write goldens");
    }

    [Theory]
    [MemberData(nameof(ReadCases))]
    public void Reads_as_the_expected_JSON(string name)
    {
        var (options, _) = LoadOptions(Path.Combine(Root, "read", name));
        var (isSequence, records) = XmlTestIO.Read(File.ReadAllBytes(Path.Combine(Root, "read", name + ".xml")), options);
        var actual = isSequence ? "[" + string.Join(",", records) + "]" : Assert.Single(records);
        JsonStructure.AssertEqual(File.ReadAllText(Path.Combine(Root, "read", name + ".json")), actual);
    }

    [Theory]
    [MemberData(nameof(WriteCases))]
    public void Writes_as_the_expected_XML(string name)
    {
        var (options, isSequence) = LoadOptions(Path.Combine(Root, "write", name));
        using var input = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "write", name + ".json")));
        var records = isSequence
            ? input.RootElement.EnumerateArray().Select(e => e.GetRawText()).ToList()
            : [input.RootElement.GetRawText()];
        var actual = XmlTestIO.Write(records, isSequence, options);
        var expected = File.ReadAllText(Path.Combine(Root, "write", name + ".xml")).ReplaceLineEndings("\n").TrimEnd('\n');
        Assert.Equal(expected, actual);
    }

    private static TheoryData<string> Cases(string folder, string extension)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, folder), "*" + extension).Order(StringComparer.Ordinal))
        {
            if (!file.EndsWith(".options.json", StringComparison.Ordinal))
            {
                data.Add(Path.GetFileNameWithoutExtension(file));
            }
        }

        return data;
    }

    private static (FormatOptions Options, bool IsSequence) LoadOptions(string pathWithoutExtension)
    {
        var file = pathWithoutExtension + ".options.json";
        if (!File.Exists(file))
        {
            return (new FormatOptions(), false);
        }

        var node = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        var isSequence = node["IsSequence"]?.GetValue<bool>() ?? false;
        node.Remove("IsSequence");
        return (node.Deserialize<FormatOptions>(OptionsJson)!, isSequence);
    }
}
