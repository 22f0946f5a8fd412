namespace Gateway.Tests.Malformed;

/// <summary>
/// One malformed document: its format, its bytes, the options (as a query string) it runs with, and the format it is
/// converted to when that matters (a record that reads well but cannot be written as CSV); null for the format's usual target.
/// </summary>
public sealed record MalformedCase(string Format, string Name, byte[] Body, string Query, string? Target = null)
{
    public override string ToString() => $"{Format}/{Name}";
}
