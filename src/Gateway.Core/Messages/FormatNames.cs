namespace Gateway.Core.Messages;

/// <summary>The names of the built-in formats. Names compare case-insensitively everywhere.</summary>
public static class FormatNames
{
    public const string Json = "Json";
    public const string Ndjson = "Ndjson";
    public const string Xml = "Xml";
    public const string Csv = "Csv";
}
