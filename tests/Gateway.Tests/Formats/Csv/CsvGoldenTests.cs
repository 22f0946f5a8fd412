using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gateway.Core.Formats;
using Gateway.Formats.Json;
using static Gateway.Tests.Formats.Csv.CsvTest;

namespace Gateway.Tests.Formats.Csv;

/// <summary>
/// The golden files in <c>samples/csv</c>: <c>read/NAME.csv</c> converts to <c>read/NAME.json</c>, and
/// <c>write/NAME.json</c> (an array of records) to <c>write/NAME.csv</c> byte for byte, or fails with the message in
/// <c>write/NAME.error.txt</c>. <c>NAME.options.json</c> holds the options of a case.
/// </summary>
public class CsvGoldenTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "samples", "csv");
    private static readonly JsonSerializerOptions OptionsJson = new() { Converters = { new JsonStringEnumConverter() } };

    public static TheoryData<string> Cases(string direction, string extension) => [.. Names(direction, extension)];

    [Fact]
    public void Every_option_has_a_golden_file()
    {
        Assert.Superset(new HashSet<string> { "default", "no-header", "semicolon", "tab", "infer-types", "columns", "unflatten" }, Names("read", ".csv").ToHashSet());
        Assert.Superset(new HashSet<string> { "nested", "escape-formulas", "union-error" }, Names("write", ".json").ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Cases), "read", ".csv")]
    public void Csv_to_json(string name)
    {
        var options = Options(Path.Combine(Folder, "read", name));
        using var input = File.OpenRead(Path.Combine(Folder, "read", name + ".csv"));
        using var output = new MemoryStream();
        FormatConverter.Convert(input, Format, output, new JsonFormat(), options);

        JsonStructure.AssertEqual(File.ReadAllText(Path.Combine(Folder, "read", name + ".json")), Encoding.UTF8.GetString(output.ToArray()));
    }

    [Theory]
    [MemberData(nameof(Cases), "write", ".json")]
    public void Json_to_csv(string name)
    {
        var path = Path.Combine(Folder, "write", name);
        var options = Options(path);
        using var input = File.OpenRead(path + ".json");
        using var output = new MemoryStream();
        if (File.Exists(path + ".error.txt"))
        {
            var error = Assert.Throws<FormatReadException>(() => FormatConverter.Convert(input, new JsonFormat(), output, Format, options));
            Assert.Contains(File.ReadAllText(path + ".error.txt").Trim(), error.Message, StringComparison.Ordinal);
            return;
        }

        FormatConverter.Convert(input, new JsonFormat(), output, Format, options);
        Assert.Equal(File.ReadAllText(path + ".csv"), Encoding.UTF8.GetString(output.ToArray()));
    }

    private static List<string> Names(string direction, string extension)
        => [.. Directory.GetFiles(Path.Combine(Folder, direction), "*" + extension)
            .Select(file => Path.GetFileName(file)[..^extension.Length])
            .Where(name => !name.EndsWith(".options", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    private static FormatOptions Options(string pathWithoutExtension)
    {
        var file = pathWithoutExtension + ".options.json";
        return File.Exists(file)
            ? JsonSerializer.Deserialize<FormatOptions>(File.ReadAllText(file), OptionsJson)!
            : new FormatOptions();
    }
}
