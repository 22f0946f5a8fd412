using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Gateway.Converters;
using Gateway.Core.Configuration;
using Gateway.Core.Converters;
using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Gateway.Formats.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Support;

/// <summary>
/// Builds pipelines the way the gateway does: a route's <c>Converters</c> list in configuration, bound and validated
/// by <see cref="ConverterCatalog"/> with the JSON format and every built-in converter registered.
/// </summary>
internal sealed class ConverterTestHost : IDisposable
{
    /// <summary>The config path of the steps built by <see cref="Build"/>: errors start with it.</summary>
    public const string StepsPath = "Gateway:Routes:r:Converters";

    private static readonly JsonSerializerOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ServiceProvider _services;

    public ConverterTestHost(IConfiguration? gateway = null, Action<IGatewayBuilder>? configure = null)
    {
        var services = new ServiceCollection();
        var builder = services.AddGateway(gateway ?? new ConfigurationBuilder().Build().GetSection("Gateway"))
            .AddJsonFormat()
            .AddBuiltInConverters();
        configure?.Invoke(builder);
        _services = services.BuildServiceProvider();
        Catalog = _services.GetRequiredService<ConverterCatalog>();
    }

    public ConverterCatalog Catalog { get; }

    /// <summary>Builds the pipeline of <paramref name="stepsJson"/> (a JSON array of steps) placed at <see cref="StepsPath"/>.</summary>
    public ConverterPipeline Build(string stepsJson) => Catalog.Build(Steps(stepsJson), new FormatOptions());

    /// <summary>The configuration errors of <paramref name="stepsJson"/> (empty when the pipeline builds).</summary>
    public IReadOnlyList<string> Errors(string stepsJson)
    {
        var errors = new List<string>();
        Catalog.TryBuild(Steps(stepsJson), new FormatOptions(), errors);
        return errors;
    }

    public static IConfigurationSection Steps(string stepsJson)
    {
        var json = $$"""{ "Gateway": { "Routes": { "r": { "Converters": {{stepsJson}} } } } }""";
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        return configuration.GetSection(StepsPath);
    }

    public static Message JsonMessage(string json, string inputId = "in") => new(Encoding.UTF8.GetBytes(json), FormatNames.Json, inputId);

    /// <summary>Runs <paramref name="json"/> through the pipeline and returns the one resulting body, compacted.</summary>
    public static string RunOne(ConverterPipeline pipeline, string json)
    {
        var output = pipeline.Run(JsonMessage(json));
        Assert.Single(output);
        return Body(output[0]);
    }

    public static string Body(Message message) => Encoding.UTF8.GetString(message.Body.Span);

    /// <summary>The JSON text compacted as the canonical form writes it, so expectations can be written readably.</summary>
    public static string Compact(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement, CompactOptions);
    }

    public void Dispose() => _services.Dispose();
}
