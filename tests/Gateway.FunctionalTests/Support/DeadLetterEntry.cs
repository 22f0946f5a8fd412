using System.Text;

namespace Gateway.FunctionalTests.Support;

/// <summary>One message in the dead-letter folder: its <c>.meta.json</c> fields and the body file beside it.</summary>
public sealed record DeadLetterEntry(
    string Id,
    string Route,
    string? Sink,
    string Stage,
    string Error,
    string Input,
    IReadOnlyDictionary<string, string> Metadata,
    byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}
