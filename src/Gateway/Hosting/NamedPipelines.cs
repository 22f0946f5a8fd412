using System.Diagnostics.CodeAnalysis;
using Gateway.Core.Converters;
using Gateway.Core.Formats;

namespace Gateway.Hosting;

/// <summary>
/// The converter pipelines named under <c>Gateway:Pipelines</c> (<c>"Pipelines": { "clean": [ { "Type": "Rename", ... } ] }</c>),
/// usable by <c>POST /convert?pipeline=clean</c> and <c>gateway convert --pipeline clean</c>.
/// </summary>
internal sealed class NamedPipelines
{
    private Dictionary<string, ConverterPipeline> _pipelines;

    private NamedPipelines(Dictionary<string, ConverterPipeline> pipelines) => _pipelines = pipelines;

    public IEnumerable<string> Names => Volatile.Read(ref _pipelines).Keys;

    /// <summary>Builds every pipeline of <paramref name="section"/>; adds each problem, by config path, to <paramref name="errors"/>.</summary>
    public static NamedPipelines Build(IConfigurationSection section, ConverterCatalog catalog, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(errors);
        var pipelines = new Dictionary<string, ConverterPipeline>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(section.Value))
        {
            errors.Add($"{section.Path}: expected an object of named converter lists, found '{section.Value}'.");
        }

        foreach (var pipeline in section.GetChildren())
        {
            var steps = pipeline.GetChildren().ToList();
            if (!string.IsNullOrEmpty(pipeline.Value) || steps.Any(s => !int.TryParse(s.Key, out _)))
            {
                errors.Add($"{pipeline.Path}: expected a list of converter steps ([ {{ \"Type\": ... }} ]).");
                continue;
            }

            if (catalog.TryBuild(pipeline, new FormatOptions(), errors) is { } built)
            {
                pipelines[pipeline.Key] = built;
            }
        }

        return new NamedPipelines(pipelines);
    }

    public bool TryGet(string name, [NotNullWhen(true)] out ConverterPipeline? pipeline) => Volatile.Read(ref _pipelines).TryGetValue(name, out pipeline);

    /// <summary>Takes <paramref name="reloaded"/>'s pipelines (a configuration reload); a conversion that already began keeps the one it has.</summary>
    public void ReplaceWith(NamedPipelines reloaded)
    {
        ArgumentNullException.ThrowIfNull(reloaded);
        Volatile.Write(ref _pipelines, reloaded._pipelines);
    }
}
