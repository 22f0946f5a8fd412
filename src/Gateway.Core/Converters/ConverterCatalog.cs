using Gateway.Core.Configuration;
using Gateway.Core.Formats;
using Microsoft.Extensions.Configuration;

namespace Gateway.Core.Converters;

/// <summary>
/// Every registered converter type, and the builder of pipelines from configuration:
/// <c>[ { "Type": "Rename", "Map": { ... } }, ... ]</c>.
/// </summary>
public sealed class ConverterCatalog
{
    private readonly Dictionary<string, ConverterRegistration> _registrations = new(StringComparer.OrdinalIgnoreCase);
    private readonly IServiceProvider _services;
    private readonly FormatRegistry _formats;

    public ConverterCatalog(IEnumerable<ConverterRegistration> registrations, IServiceProvider services, FormatRegistry formats)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _formats = formats ?? throw new ArgumentNullException(nameof(formats));
        foreach (var registration in registrations)
        {
            _registrations[registration.Type] = registration;
        }
    }

    public IEnumerable<string> Types => _registrations.Keys;

    public IReadOnlyDictionary<string, ConverterRegistration> Registrations => _registrations;

    /// <summary>
    /// Builds the pipeline described by <paramref name="steps"/> (a list of step sections). Adds every problem, by
    /// config path, to <paramref name="errors"/> and returns null when there is any.
    /// </summary>
    public ConverterPipeline? TryBuild(IConfigurationSection steps, FormatOptions decodeOptions, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var built = new List<(string, IMessageConverter)>();
        foreach (var step in steps.GetChildren().OrderBy(s => int.TryParse(s.Key, out var i) ? i : int.MaxValue))
        {
            var type = step["Type"];
            if (string.IsNullOrWhiteSpace(type))
            {
                errors.Add($"{step.Path}:Type: missing converter type. Known types: {string.Join(", ", _registrations.Keys.Order(StringComparer.Ordinal))}.");
                continue;
            }

            if (!_registrations.TryGetValue(type, out var registration))
            {
                errors.Add($"{step.Path}:Type: unknown converter type '{type}'. Known types: {string.Join(", ", _registrations.Keys.Order(StringComparer.Ordinal))}.");
                continue;
            }

            var options = OptionsBinder.Bind(registration.OptionsType, step, errors, "Type");
            if (options is null)
            {
                continue;
            }

            try
            {
                built.Add((registration.Type, registration.Create(options, _services)));
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or GatewayConfigurationException or IOException)
            {
                errors.Add($"{step.Path}: {ex.Message}");
            }
        }

        return errors.Count == before ? new ConverterPipeline(built, _formats, decodeOptions) : null;
    }

    /// <summary>Creates the step <paramref name="type"/> with its default options, or returns null when no such type is registered.</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "Options types are registered explicitly and kept.")]
    public IMessageConverter? CreateWithDefaults(string type)
        => _registrations.TryGetValue(type, out var registration)
            ? registration.Create(Activator.CreateInstance(registration.OptionsType)!, _services)
            : null;

    /// <summary>Like <see cref="TryBuild"/>, but throws <see cref="GatewayConfigurationException"/> listing every problem.</summary>
    public ConverterPipeline Build(IConfigurationSection steps, FormatOptions decodeOptions)
    {
        var errors = new List<string>();
        return TryBuild(steps, decodeOptions, errors) ?? throw new GatewayConfigurationException(errors);
    }
}
