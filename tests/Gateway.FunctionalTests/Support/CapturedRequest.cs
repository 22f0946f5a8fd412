using System.Text;

namespace Gateway.FunctionalTests.Support;

/// <summary>One request an <see cref="HttpCaptureServer"/> received, and the status it answered.</summary>
public sealed record CapturedRequest(
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    int AnsweredStatus)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>Whether the server answered with a 2xx status (the gateway counts the message as delivered).</summary>
    public bool Accepted => AnsweredStatus is >= 200 and < 300;

    /// <summary>The header's value (names are case-insensitive), or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
