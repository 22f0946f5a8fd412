using System.Globalization;
using System.Text.RegularExpressions;

namespace Gateway.Tests.Telemetry;

/// <summary>A scrape in the Prometheus text format, parsed into samples (name, labels, value) and <c># TYPE</c> lines.</summary>
internal sealed partial class PrometheusText
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];
    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);

    private PrometheusText()
    {
    }

    public static PrometheusText Parse(string text)
    {
        var result = new PrometheusText();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                result._types[parts[2]] = parts[3];
                continue;
            }

            if (line.StartsWith('#'))
            {
                continue;
            }

            var match = Sample().Match(line);
            Assert.True(match.Success, $"not a Prometheus sample line: {line}");
            var labels = Label().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                var number => double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            result._samples.Add((match.Groups["name"].Value, labels, value));
        }

        return result;
    }

    /// <summary>The <c># TYPE</c> of a metric family (counter, gauge, histogram), or null.</summary>
    public string? TypeOf(string family) => _types.GetValueOrDefault(family);

    /// <summary>The samples named <paramref name="name"/> whose labels include every one of <paramref name="labels"/>.</summary>
    public IReadOnlyList<(Dictionary<string, string> Labels, double Value)> Samples(string name, params (string Name, string Value)[] labels)
        => [.. _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).Select(s => (s.Labels, s.Value))];

    /// <summary>The value of the one sample named <paramref name="name"/> with <paramref name="labels"/>, or null when there is none.</summary>
    public double? Value(string name, params (string Name, string Value)[] labels)
    {
        var samples = Samples(name, labels);
        Assert.True(samples.Count <= 1, $"{samples.Count} samples of {name} match; expected one");
        return samples.Count == 0 ? null : samples[0].Value;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Sample();

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
