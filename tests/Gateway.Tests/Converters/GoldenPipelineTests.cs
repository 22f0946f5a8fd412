using System.Text;
using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Gateway.Tests.Support;
using Microsoft.Extensions.Configuration;
using static Gateway.Tests.Support.ConverterTestHost;

namespace Gateway.Tests.Converters;

/// <summary>Runs each <c>samples/converters/pipelines/NAME/</c>: its <c>pipeline.json</c> on its <c>input.json</c>.</summary>
public sealed class GoldenPipelineTests : IDisposable
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "samples", "converters", "pipelines");

    private readonly ConverterTestHost _host = new();

    public static TheoryData<string> Samples => [.. Directory.GetDirectories(Root).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)];

    public void Dispose() => _host.Dispose();

    [Fact]
    public void There_are_samples()
    {
        Assert.NotEmpty(Samples);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Pipeline_output_matches_the_expected_file(string name)
    {
        var directory = Path.Combine(Root, name);
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(directory, "pipeline.json")).Build();
        var route = Assert.Single(configuration.GetSection("Gateway:Routes").GetChildren());
        var pipeline = _host.Catalog.Build(route.GetSection("Converters"), new FormatOptions());
        var message = new Message(File.ReadAllBytes(Path.Combine(directory, "input.json")), FormatNames.Json, "orders-http")
        {
            Metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["topic"] = "sensors/lyon/data" },
        };

        var output = pipeline.Run(message).Select(Body).ToList();

        var single = Path.Combine(directory, "expected.json");
        var expected = File.Exists(single)
            ? [Compact(File.ReadAllText(single, Encoding.UTF8))]
            : File.ReadAllLines(Path.Combine(directory, "expected.ndjson"), Encoding.UTF8).Where(l => l.Length > 0).Select(Compact).ToList();
        Assert.Equal(expected, output.Select(Compact));
    }
}
