using System.Globalization;
using System.Text;

namespace Gateway.Benchmarks.Csv;

/// <summary>A deterministic CSV table for the CSV benchmarks: ids, names, text with and without quotes, numbers, booleans.</summary>
internal static class CsvSampleData
{
    public static byte[] Create(int rows)
    {
        string[] cities = ["London", "Paris", "New York", "Zürich", "São Paulo", "Tokyo"];
        var random = new Random(1);
        var text = new StringBuilder("id,name,city,amount,qty,active,date,comment,code,score\r\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i},Customer {random.Next(10_000)},{cities[i % cities.Length]},")
                .Append(CultureInfo.InvariantCulture, $"{random.NextDouble() * 1000:F2},{random.Next(100)},{(i % 2 == 0 ? "true" : "false")},")
                .Append(CultureInfo.InvariantCulture, $"2024-03-{1 + (i % 28):D2},")
                .Append(i % 5 == 0 ? "\"with, comma and \"\"quotes\"\"\"" : "plain text here")
                .Append(CultureInfo.InvariantCulture, $",ABC-{i % 977},{random.Next(-500, 500)}\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
