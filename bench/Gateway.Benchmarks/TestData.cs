using System.Globalization;
using System.Text;

namespace Gateway.Benchmarks;

/// <summary>Deterministic inputs of about the same size in every format: order lines with text that needs quoting.</summary>
public static class TestData
{
    public const int TargetBytes = 10 * 1024 * 1024;

    private static readonly string[] Cities = ["Berlin", "Lyon", "São Paulo", "Zürich", "Osaka", "New York, NY"];
    private static readonly string[] Notes = ["", "fragile", "leave at \"door\"", "call first, then ring", "multi\nline note", "≈ 2 kg"];

    public static byte[] Csv() => Build(static (sb, i) =>
    {
        if (i == 0)
        {
            sb.Append("id,sku,name,price,qty,city,note\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"{i},SKU-{i % 9973:D5},Item {i},{Price(i)},{i % 17},{Quote(Cities[i % Cities.Length])},{Quote(Notes[i % Notes.Length])}\n");
    });

    public static byte[] JsonArray() => Build(static (sb, i) =>
    {
        sb.Append(i == 0 ? "[" : ",");
        AppendJsonObject(sb, i);
    }, static sb => sb.Append(']'));

    public static byte[] Ndjson() => Build(static (sb, i) =>
    {
        AppendJsonObject(sb, i);
        sb.Append('\n');
    });

    public static byte[] Xml() => Build(static (sb, i) =>
    {
        if (i == 0)
        {
            sb.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<orders>\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"  <order id=\"{i}\"><sku>SKU-{i % 9973:D5}</sku><name>Item {i}</name><price>{Price(i)}</price><qty>{i % 17}</qty><city>{Escape(Cities[i % Cities.Length])}</city><note>{Escape(Notes[i % Notes.Length])}</note></order>\n");
    }, static sb => sb.Append("</orders>\n"));

    private static string Price(int i) => (i % 1000 / 10.0 + 0.99).ToString("0.00", CultureInfo.InvariantCulture);

    private static void AppendJsonObject(StringBuilder sb, int i)
    {
        sb.Append(CultureInfo.InvariantCulture, $"{{\"id\":{i},\"sku\":\"SKU-{i % 9973:D5}\",\"name\":\"Item {i}\",\"price\":{Price(i)},\"qty\":{i % 17},\"city\":\"{Cities[i % Cities.Length]}\",\"note\":\"{Notes[i % Notes.Length].Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\"}}");
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Escape(string value) =>
        value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    private static byte[] Build(Action<StringBuilder, int> appendRecord, Action<StringBuilder>? finish = null)
    {
        var sb = new StringBuilder(TargetBytes + 4096);
        for (var i = 0; sb.Length < TargetBytes; i += 1000)
        {
            for (var j = i; j < i + 1000; j++)
            {
                appendRecord(sb, j);
            }
        }

        finish?.Invoke(sb);
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
