using System.Text;
using Gateway.Core.Formats;
using Gateway.Formats.Xml;

namespace Gateway.Tests.Formats.Xml;

/// <summary>Runs the XML reader and writer on strings, for tests.</summary>
internal static class XmlTestIO
{
    public static (bool IsSequence, List<string> Records) Read(string xml, FormatOptions? options = null) =>
        Read(Encoding.UTF8.GetBytes(xml), options);

    public static (bool IsSequence, List<string> Records) Read(byte[] xml, FormatOptions? options = null)
    {
        using var input = new MemoryStream(xml);
        using var reader = new XmlFormat().CreateReader(input, options ?? new FormatOptions());
        var records = new List<string>();
        while (reader.TryRead(out var record))
        {
            records.Add(Encoding.UTF8.GetString(record.Span));
        }

        return (reader.IsSequence, records);
    }

    /// <summary>The single record of a document read without a record element.</summary>
    public static string ReadOne(string xml, FormatOptions? options = null)
    {
        var (isSequence, records) = Read(xml, options);
        Assert.False(isSequence);
        return Assert.Single(records);
    }

    public static string Write(IEnumerable<string> records, bool isSequence, FormatOptions? options = null)
    {
        using var output = new MemoryStream();
        using (var writer = new XmlFormat().CreateWriter(output, options ?? new FormatOptions()))
        {
            writer.Begin(isSequence);
            foreach (var record in records)
            {
                writer.Write(Encoding.UTF8.GetBytes(record));
            }

            writer.Complete();
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    public static string WriteOne(string json, FormatOptions? options = null) => Write([json], isSequence: false, options);
}
