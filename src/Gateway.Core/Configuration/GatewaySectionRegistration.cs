using Microsoft.Extensions.Configuration;

namespace Gateway.Core.Configuration;

/// <summary>
/// A section of <c>Gateway</c> that a registered component understands (<c>Inputs</c>, <c>Buffer</c>,
/// <c>MqttBroker</c>, ...), registered by the component's <c>AddX()</c>. The configuration validator accepts exactly
/// the registered sections and checks each with <see cref="Validate"/>; a configuration reload applies the ones
/// <see cref="AppliedOnReload"/>, and a change to any other one is reported as needing a restart.
/// </summary>
public sealed class GatewaySectionRegistration
{
    public GatewaySectionRegistration(string name, bool appliedOnReload, Action<IConfigurationSection, ICollection<string>>? validate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        AppliedOnReload = appliedOnReload;
        Validate = validate;
    }

    /// <summary>The key under <c>Gateway</c> (<c>Buffer</c>).</summary>
    public string Name { get; }

    /// <summary>True when a configuration reload applies a change of this section without a restart.</summary>
    public bool AppliedOnReload { get; }

    /// <summary>
    /// Adds every problem of the section (given even when absent) to the error list, by config path; null when the
    /// section is checked elsewhere (the route table checks <c>Inputs</c>, <c>Sinks</c> and <c>Routes</c> together).
    /// </summary>
    public Action<IConfigurationSection, ICollection<string>>? Validate { get; }
}
