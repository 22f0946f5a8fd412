using System.Text;
using Gateway.Tests.Formats.Xml;

namespace Gateway.Tests.Malformed;

/// <summary>The malformed-input corpus: the files under <c>Malformed/&lt;format&gt;/</c> plus a few generated cases.</summary>
public static class MalformedCorpus
{
    /// <summary>The formats of the corpus, each with the media type it is posted with and the format it converts to.</summary>
    public static IReadOnlyDictionary<string, (string MediaType, string Target)> Formats { get; } = new Dictionary<string, (string, string)>
    {
        ["json"] = ("application/json", "ndjson"),
        ["ndjson"] = ("application/x-ndjson", "json"),
        ["xml"] = ("application/xml", "json"),
        ["csv"] = ("text/csv", "json"),
    };

    public static IReadOnlyList<MalformedCase> All { get; } = [.. FromFiles().Concat(Generated()).OrderBy(c => c.ToString(), StringComparer.Ordinal)];

    public static MalformedCase Get(string id) => All.Single(c => c.ToString() == id);

    /// <summary>Case ids for xunit theories (strings, so each case shows up as its own test).</summary>
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var item in All)
        {
            data.Add(item.ToString());
        }

        return data;
    }

    private static IEnumerable<MalformedCase> FromFiles()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "Malformed");
        foreach (var format in Formats.Keys)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, format)).Where(f => !f.EndsWith(".query", StringComparison.Ordinal)))
            {
                var queryFile = file + ".query";
                var query = File.Exists(queryFile) ? File.ReadAllText(queryFile).Trim() : string.Empty;
                yield return new MalformedCase(format, Path.GetFileName(file), File.ReadAllBytes(file), query);
            }
        }
    }

    private static IEnumerable<MalformedCase> Generated()
    {
        yield return new("json", "generated-100000-nested-arrays", Repeat("[", 100_000), string.Empty);
        yield return new("json", "generated-unterminated-5mb-string", Encoding.UTF8.GetBytes("[\"" + new string('a', 5 * 1024 * 1024)), string.Empty);
        yield return new("ndjson", "generated-100000-nested-objects-line-2", Encoding.UTF8.GetBytes("{}\n" + string.Concat(Enumerable.Repeat("{\"a\":", 100_000))), string.Empty);
        yield return new("xml", "generated-100000-nested-elements", Repeat("<a>", 100_000), string.Empty);
        yield return new("xml", "generated-element-name-of-1mb", Encoding.UTF8.GetBytes("<" + new string('n', 1024 * 1024)), string.Empty);
        yield return new("csv", "generated-field-of-2-mib", Encoding.UTF8.GetBytes("a\n" + new string('x', 2 * 1024 * 1024) + "\n"), string.Empty);
        yield return new("xml", "generated-2400000-attributes-30-mb", XmlNameLimitTests.AttributeFlood(2_400_000, i => $" a{i}=\"x\""), string.Empty);
        yield return new("xml", "generated-1000000-repeated-attributes", XmlNameLimitTests.AttributeFlood(1_000_000, _ => " a=\"x\""), string.Empty);

        // A lone surrogate is valid JSON syntax, but no Unicode text: formats that must write it as UTF-8 text refuse it.
        foreach (var (format, body) in LoneSurrogates())
        {
            foreach (var target in (string[])["csv", "xml"])
            {
                yield return new(format, $"generated-lone-surrogate-{body.Name}-to-{target}", Encoding.UTF8.GetBytes(body.Text), string.Empty, target);
            }
        }

        yield return new("csv", "generated-10001-columns", Encoding.UTF8.GetBytes(string.Join(',', Enumerable.Range(0, 10_001).Select(i => $"c{i}")) + "\n"), string.Empty);
    }

    private static IEnumerable<(string Format, (string Name, string Text) Body)> LoneSurrogates()
    {
        yield return ("json", ("value", "{\"a\":\"\\ud800\"}"));
        yield return ("json", ("low-value", "[{\"a\":\"x\\udc00y\"}]"));
        yield return ("json", ("key", "{\"\\ud800\":1}"));
        yield return ("ndjson", ("value", "{\"a\":\"ok\"}\n{\"a\":\"\\ud800\"}\n"));
    }

    private static byte[] Repeat(string text, int count) => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(text, count)));
}
