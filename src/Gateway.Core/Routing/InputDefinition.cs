using Gateway.Core.Formats;

namespace Gateway.Core.Routing;

/// <summary>A configured input, bound and validated, not yet created.</summary>
public sealed record InputDefinition(string Id, string Path, InputRegistration Registration, object Options, string? Format, FormatOptions FormatOptions)
{
    public string Type => Registration.Type;

    /// <summary>The input's settings as configured (<see cref="Gateway.Core.Configuration.ConfigurationFingerprint"/>): a reload keeps the running input when it is the same.</summary>
    public string Fingerprint { get; init; } = string.Empty;
}
