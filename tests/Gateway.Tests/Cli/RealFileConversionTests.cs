using System.Text.Json;

namespace Gateway.Tests.Cli;

/// <summary>
/// Real files as Debian packages ship them (excerpts in RealFiles/, with their licenses), converted as the README
/// tells a user to.
/// </summary>
public sealed class RealFileConversionTests
{
    private static readonly string Countries = Path.Combine(AppContext.BaseDirectory, "RealFiles", "iso_3166-1.excerpt.json");

    private const string CountriesHeader = "alpha_2,alpha_3,flag,name,numeric,official_name,common_name";

    [Fact]
    public async Task Iso_country_list_converts_to_csv_with_every_field_and_back()
    {
        using var directory = new TempDirectory();
        var csv = directory.File("countries.csv");
        var result = await CliRunner.RunAsync(string.Empty, "convert", "-i", Countries, "-o", csv, "--records", "/3166-1", "--header-policy", "union");
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = File.ReadAllLines(csv);
        Assert.Equal(CountriesHeader, lines[0]);
        Assert.Equal("AW,ABW,🇦🇼,Aruba,533,,", lines[1]);
        Assert.Equal("BO,BOL,🇧🇴,\"Bolivia, Plurinational State of\",068,Plurinational State of Bolivia,Bolivia", lines[4]);

        var back = await CliRunner.RunAsync(string.Empty, "convert", "-i", csv, "--to", "json");
        Assert.True(back.ExitCode == 0, back.ToString());
        AssertSameCountries(back.Stdout);
    }

    [Fact]
    public async Task Iso_country_list_from_standard_input_is_held_to_learn_every_column()
    {
        var result = await CliRunner.RunAsync(File.ReadAllText(Countries), "convert", "--from", "json", "--to", "csv", "--records", "/3166-1", "--header-policy", "union");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith(CountriesHeader + "\r\n", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(7, result.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Without_a_header_policy_the_second_record_names_the_field_and_the_remedy()
    {
        var result = await CliRunner.RunAsync(string.Empty, "convert", "-i", Countries, "--to", "csv", "--records", "/3166-1");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Record 2 has the field 'official_name', which is not a column of the CSV header.", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("or use HeaderPolicy Union", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Freedesktop_mime_database_with_its_doctype_converts_to_json()
    {
        var mime = Path.Combine(AppContext.BaseDirectory, "RealFiles", "freedesktop.org.excerpt.xml");
        var result = await CliRunner.RunAsync(string.Empty, "convert", "-i", mime, "--to", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement.GetProperty("mime-info");
        Assert.Equal("http://www.freedesktop.org/standards/shared-mime-info", root.GetProperty("@xmlns").GetString());
        var types = root.GetProperty("mime-type").EnumerateArray().Select(t => t.GetProperty("@type").GetString()).ToList();
        Assert.Equal(["application/metalink+xml", "application/atom+xml"], types);
        Assert.Contains("<metalink version=\"3.0\"", Strings(root)); // &lt; and &quot; in an attribute, as text
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.String => [element.GetString()!],
        _ => [],
    };

    /// <summary>The records read back from CSV are the original ones, with the fields they lacked as empty strings.</summary>
    private static void AssertSameCountries(string json)
    {
        using var original = JsonDocument.Parse(File.ReadAllText(Countries));
        using var converted = JsonDocument.Parse(json);
        var expected = original.RootElement.GetProperty("3166-1").EnumerateArray().ToList();
        var actual = converted.RootElement.EnumerateArray().ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var fields = actual[i].EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
            Assert.Equal(CountriesHeader.Split(','), fields.Keys);
            foreach (var property in expected[i].EnumerateObject())
            {
                Assert.Equal(property.Value.GetString(), fields[property.Name]);
            }

            Assert.All(fields.Where(f => !expected[i].TryGetProperty(f.Key, out _)), f => Assert.Equal(string.Empty, f.Value));
        }
    }
}
