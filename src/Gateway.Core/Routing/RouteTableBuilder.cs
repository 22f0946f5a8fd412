using System.Reflection;
using Gateway.Core.Configuration;
using Gateway.Core.Converters;
using Gateway.Core.Formats;
using Gateway.Core.Formats.Options;
using Gateway.Core.Messages;
using Microsoft.Extensions.Configuration;

namespace Gateway.Core.Routing;

/// <summary>
/// Binds and validates <c>Gateway:Inputs</c>, <c>Gateway:Sinks</c> and <c>Gateway:Routes</c> into a
/// <see cref="RouteTable"/>, reporting every problem by its config path
/// (<c>Gateway:Routes:orders:Sinks:1: unknown sink 'arhive'</c>).
/// </summary>
public sealed class RouteTableBuilder
{
    public const string InputsSection = "Inputs";
    public const string SinksSection = "Sinks";
    public const string RoutesSection = "Routes";

    private static readonly string[] InputKeys = KeysOf(typeof(InputSettings));
    private static readonly string[] SinkKeys = KeysOf(typeof(SinkSettings));

    private readonly Dictionary<string, InputRegistration> _inputTypes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SinkRegistration> _sinkTypes = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConverterCatalog _catalog;
    private readonly FormatRegistry _formats;

    public RouteTableBuilder(IEnumerable<InputRegistration> inputs, IEnumerable<SinkRegistration> sinks, ConverterCatalog catalog, FormatRegistry formats)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(sinks);
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _formats = formats ?? throw new ArgumentNullException(nameof(formats));
        foreach (var input in inputs)
        {
            _inputTypes[input.Type] = input;
        }

        foreach (var sink in sinks)
        {
            _sinkTypes[sink.Type] = sink;
        }
    }

    /// <summary>Builds the table from the <c>Gateway</c> section; adds every problem to <paramref name="errors"/> and returns null when there is any.</summary>
    public RouteTable? TryBuild(IConfiguration gateway, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var inputs = new Dictionary<string, InputDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in Children(gateway.GetSection(InputsSection), errors))
        {
            if (BindInput(section, errors) is { } input)
            {
                inputs[section.Key] = input;
            }
        }

        var sinks = new Dictionary<string, SinkDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in Children(gateway.GetSection(SinksSection), errors))
        {
            if (BindSink(section, errors) is { } sink)
            {
                sinks[section.Key] = sink;
            }
        }

        var routes = new Dictionary<string, RouteDefinition>(StringComparer.OrdinalIgnoreCase);
        var inputsSection = gateway.GetSection(InputsSection);
        foreach (var section in Children(gateway.GetSection(RoutesSection), errors))
        {
            if (BindRoute(section, inputsSection, gateway.GetSection(SinksSection), inputs, errors) is { } route)
            {
                routes[section.Key] = route;
            }
        }

        foreach (var section in inputsSection.GetChildren())
        {
            var read = gateway.GetSection(RoutesSection).GetChildren()
                .Any(r => string.Equals(r[nameof(RouteSettings.Input)], section.Key, StringComparison.OrdinalIgnoreCase));
            if (!read)
            {
                errors.Add($"{section.Path}: no route reads input '{section.Key}'; its messages would be lost. Add a route with \"Input\": \"{section.Key}\" or remove the input.");
            }
        }

        return errors.Count == before ? new RouteTable(inputs, sinks, routes) : null;
    }

    private InputDefinition? BindInput(IConfigurationSection section, ICollection<string> errors)
    {
        var before = errors.Count;
        var type = RequireType(section, _inputTypes.Keys, "input", errors);
        var format = OptionalFormat(section, errors);
        if (type is null || !_inputTypes.TryGetValue(type, out var registration))
        {
            return null;
        }

        var options = OptionsBinder.Bind(registration.OptionsType, section, errors, [.. InputKeys, .. _formats.Options.ConfigKeys]);
        var formatOptions = FormatOptionsBinder.Bind(section, errors);
        return errors.Count == before && options is not null && formatOptions is not null
            ? new InputDefinition(section.Key, section.Path, registration, options, format, formatOptions) { Fingerprint = ConfigurationFingerprint.Of(section) }
            : null;
    }

    private SinkDefinition? BindSink(IConfigurationSection section, ICollection<string> errors)
    {
        var before = errors.Count;
        var type = RequireType(section, _sinkTypes.Keys, "sink", errors);
        var format = OptionalFormat(section, errors) ?? FormatNames.Json;
        if (type is null || !_sinkTypes.TryGetValue(type, out var registration))
        {
            return null;
        }

        var settings = (SinkSettings?)OptionsBinder.Bind(typeof(SinkSettings), section, errors, [.. section.GetChildren().Select(c => c.Key)]);
        var options = OptionsBinder.Bind(registration.OptionsType, section, errors, [.. SinkKeys, .. _formats.Options.ConfigKeys]);
        var formatOptions = FormatOptionsBinder.Bind(section, errors);
        if (settings?.MaxInFlightBatches > 1 && registration.InFlightBatches == 1)
        {
            var concurrent = _sinkTypes.Values.Where(r => r.InFlightBatches > 1).Select(r => r.Type);
            errors.Add($"{section.Path}:{nameof(SinkSettings.MaxInFlightBatches)}: a {registration.Type} sink takes one batch at a time; only these sink types take more: {Known(concurrent)}. Use 1 or remove the key.");
        }

        return errors.Count == before && settings is not null && options is not null && formatOptions is not null
            ? new SinkDefinition(section.Key, section.Path, registration, options, settings, _formats.Get(format), formatOptions) { Fingerprint = ConfigurationFingerprint.Of(section) }
            : null;
    }

    private RouteDefinition? BindRoute(
        IConfigurationSection section,
        IConfigurationSection inputsSection,
        IConfigurationSection sinksRoot,
        Dictionary<string, InputDefinition> inputs,
        ICollection<string> errors)
    {
        var before = errors.Count;
        var sinksSection = section.GetSection(nameof(RouteSettings.Sinks));
        var settings = (RouteSettings?)OptionsBinder.Bind(typeof(RouteSettings), section, errors, "Converters");
        if (settings is null)
        {
            return null;
        }

        if (sinksSection.Value is { Length: > 0 } single)
        {
            settings.Sinks.Add(single);
        }

        var inputId = settings.Input;
        if (string.IsNullOrWhiteSpace(inputId))
        {
            errors.Add($"{section.Path}:Input: a route needs the id of the input it reads. Known inputs: {Known(inputsSection.GetChildren().Select(c => c.Key))}.");
        }
        else if (!inputsSection.GetSection(inputId).Exists())
        {
            errors.Add($"{section.Path}:Input: unknown input '{inputId}'. Known inputs: {Known(inputsSection.GetChildren().Select(c => c.Key))}.");
        }

        if (settings.Sinks.Count == 0)
        {
            errors.Add($"{section.Path}:Sinks: a route needs at least one sink id (\"Sinks\": [ \"...\" ]).");
        }

        var sinkIds = sinksSection.Value is { Length: > 0 } ? [sinksSection.Path] : sinksSection.GetChildren().Select(c => c.Path).ToList();
        for (var i = 0; i < settings.Sinks.Count; i++)
        {
            CheckSink(settings.Sinks[i], i < sinkIds.Count ? sinkIds[i] : $"{sinksSection.Path}:{i}");
        }

        if (settings.DeadLetter is { } deadLetter)
        {
            CheckSink(deadLetter, $"{section.Path}:{nameof(RouteSettings.DeadLetter)}");
        }

        var decodeOptions = inputId is not null && inputs.TryGetValue(inputId, out var input) ? input.FormatOptions : new FormatOptions();
        var pipeline = _catalog.TryBuild(section.GetSection("Converters"), decodeOptions, errors);
        if (pipeline is not null && settings.Split)
        {
            var split = _catalog.CreateWithDefaults("Split");
            if (split is null)
            {
                errors.Add($"{section.Path}:Split: no Split converter is registered.");
            }
            else
            {
                pipeline = pipeline.Append("Split", split);
            }
        }

        return errors.Count == before && pipeline is not null
            ? new RouteDefinition(section.Key, section.Path, inputId!, pipeline, [.. settings.Sinks.Distinct(StringComparer.OrdinalIgnoreCase)], settings.DeadLetter)
            {
                Fingerprint = ConfigurationFingerprint.Of(section),
            }
            : null;

        void CheckSink(string id, string path)
        {
            if (!sinksRoot.GetSection(id).Exists())
            {
                errors.Add($"{path}: unknown sink '{id}'. Known sinks: {Known(sinksRoot.GetChildren().Select(c => c.Key))}.");
            }
        }
    }

    private static string? RequireType(IConfigurationSection section, IEnumerable<string> known, string kind, ICollection<string> errors)
    {
        var type = section["Type"];
        if (string.IsNullOrWhiteSpace(type))
        {
            errors.Add($"{section.Path}:Type: missing {kind} type. Known types: {Known(known)}.");
            return null;
        }

        if (!known.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{section.Path}:Type: unknown {kind} type '{type}'. Known types: {Known(known)}.");
            return null;
        }

        return type;
    }

    private string? OptionalFormat(IConfigurationSection section, ICollection<string> errors)
    {
        var format = section["Format"];
        if (format is null)
        {
            return null;
        }

        if (!_formats.TryGet(format, out var known))
        {
            errors.Add($"{section.Path}:Format: unknown format '{format}'. Known formats: {Known(_formats.All.Select(f => f.Name))}.");
            return null;
        }

        return known.Name;
    }

    private static IEnumerable<IConfigurationSection> Children(IConfigurationSection section, ICollection<string> errors)
    {
        if (!string.IsNullOrEmpty(section.Value))
        {
            errors.Add($"{section.Path}: expected an object keyed by id, found '{section.Value}'.");
            return [];
        }

        var children = section.GetChildren().ToList();
        foreach (var child in children.Where(c => !string.IsNullOrEmpty(c.Value)))
        {
            errors.Add($"{child.Path}: expected an object with a \"Type\", found '{child.Value}'.");
        }

        return children.Where(c => string.IsNullOrEmpty(c.Value));
    }

    private static string Known(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "(none)" : string.Join(", ", list);
    }

    private static string[] KeysOf(Type type)
        => [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name)];
}
