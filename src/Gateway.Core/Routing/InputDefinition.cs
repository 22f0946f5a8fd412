using Gateway.Core.Formats;

namespace Gateway.Core.Routing;

/// <summary>A configured input, bound and validated, not yet created.</summary>
public sealed record InputDefinition(string Id, string Path, InputRegistration Registration, object Options, string? Format, FormatOptions FormatOptions)
{
    public string Type => Registration.Type;
}
