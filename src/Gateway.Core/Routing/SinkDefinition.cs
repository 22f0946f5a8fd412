using Gateway.Core.Formats;

namespace Gateway.Core.Routing;

/// <summary>A configured sink, bound and validated, not yet created.</summary>
public sealed record SinkDefinition(string Id, string Path, SinkRegistration Registration, object Options, SinkSettings Settings, DataFormat Format, FormatOptions FormatOptions)
{
    public string Type => Registration.Type;

    /// <summary>How many batches the sink's reader keeps outstanding: the configured number, else the type's default.</summary>
    public int MaxInFlightBatches => Settings.MaxInFlightBatches ?? Registration.InFlightBatches;

    /// <summary>The sink's settings as configured (<see cref="Gateway.Core.Configuration.ConfigurationFingerprint"/>): a reload keeps the running sink when it is the same.</summary>
    public string Fingerprint { get; init; } = string.Empty;
}
