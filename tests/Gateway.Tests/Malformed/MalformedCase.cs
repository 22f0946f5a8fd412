namespace Gateway.Tests.Malformed;

/// <summary>One malformed document: its format, its bytes, and the options (as a query string) it runs with.</summary>
public sealed record MalformedCase(string Format, string Name, byte[] Body, string Query)
{
    public override string ToString() => $"{Format}/{Name}";
}
