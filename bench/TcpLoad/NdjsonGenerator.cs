using System.Text;

namespace Gateway.Bench.TcpLoad;

/// <summary>Writes NDJSON order lines (strings with escapes, numbers, a nested object) up to a size.</summary>
internal static class NdjsonGenerator
{
    private static readonly string[] Cities = ["Berlin", "Lyon", "S\\u00e3o Paulo", "Z\\\"urich", "New York, NY"];

    public static int Run(CommandLine arguments)
    {
        var bytes = arguments.Number("mb") * 1024 * 1024;
        using var output = new StreamWriter(arguments.Text("output"), false, new UTF8Encoding(false), 1 << 16);
        long written = 0;
        long lines = 0;
        while (written < bytes)
        {
            var line = $$"""{"id":{{lines}},"sku":"SKU-{{lines * 7919 % 99991:D5}}","name":"Item {{lines}}","price":{{lines % 1000 / 10.0 + 0.99:0.00}},"qty":{{lines % 17}},"ship":{"city":"{{Cities[lines % Cities.Length]}}","zip":"{{10000 + (lines % 89999)}}"},"note":"order line {{lines}}"}""";
            output.Write(line);
            output.Write('\n');
            written += Encoding.UTF8.GetByteCount(line) + 1;
            lines++;
        }

        Console.WriteLine($"lines {lines} bytes {written}");
        return 0;
    }
}
