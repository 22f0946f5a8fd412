using System.Text.Json;
using Gateway.Core.Converters;
using Gateway.Core.Routing;
using Gateway.Tests.Http;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using NJsonSchema;

namespace Gateway.Tests.Configuration;

/// <summary>
/// <c>schemas/gateway.schema.json</c> describes every options class the gateway binds, and every sample config and the
/// embedded defaults follow it. Refresh it with <c>GATEWAY_UPDATE_SCHEMA=1 dotnet test tests/Gateway.Tests --filter GatewaySchemaTests</c>.
/// </summary>
public sealed class GatewaySchemaTests : IClassFixture<GatewayAppFactory>
{
    private const string SchemaPath = "schemas/gateway.schema.json";
    private const string RefreshCommand = "GATEWAY_UPDATE_SCHEMA=1 dotnet test tests/Gateway.Tests --filter GatewaySchemaTests";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly GatewayAppFactory _factory;

    public GatewaySchemaTests(GatewayAppFactory factory) => _factory = factory;

    [Fact]
    public async Task Schema_file_is_the_one_generated_from_the_options_classes()
    {
        var generated = GatewaySchemaGenerator.Generate(_factory.Services).ToJsonString(Indented);
        await RepositoryFiles.AssertMatchesAsync(SchemaPath, generated, "GATEWAY_UPDATE_SCHEMA", RefreshCommand);
    }

    [Fact]
    public async Task Schema_knows_every_registered_type_and_every_options_property()
    {
        using var schema = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryFiles.Root, SchemaPath)));
        var definitions = schema.RootElement.GetProperty("definitions");
        var services = _factory.Services;
        var typed = services.GetServices<InputRegistration>().Select(r => ($"input.{r.Type}", r.OptionsType))
            .Concat(services.GetServices<SinkRegistration>().Select(r => ($"sink.{r.Type}", r.OptionsType)))
            .Concat(services.GetRequiredService<ConverterCatalog>().Registrations.Values.Select(r => ($"converter.{r.Type}", r.OptionsType)))
            .ToList();
        Assert.Contains(typed, t => t.Item1 == "input.Tcp");
        Assert.Contains(typed, t => t.Item1 == "sink.Mqtt");
        Assert.Contains(typed, t => t.Item1 == "converter.Rename");
        foreach (var (definition, optionsType) in typed)
        {
            Assert.True(definitions.TryGetProperty(definition, out var described), $"the schema does not describe {definition}");
            var properties = described.GetProperty("properties");
            foreach (var property in GatewaySchemaGenerator.BoundProperties(optionsType))
            {
                Assert.True(properties.TryGetProperty(property.Name, out _), $"{definition} lacks option {property.Name}");
            }
        }

        var gateway = definitions.GetProperty("gateway").GetProperty("properties");
        var sections = Gateway.Hosting.GatewayConfigurationValidator.Sections(services);
        Assert.Contains(sections, s => s.Name == "MqttBroker");
        foreach (var section in sections)
        {
            Assert.True(gateway.TryGetProperty(section.Name, out _), $"the schema does not describe Gateway:{section.Name}");
        }

        Assert.Equal(sections.Count, gateway.EnumerateObject().Count());
    }

    public static TheoryData<string> Configs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "samples", "configs"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        data.Add("appsettings.json");
        return data;
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public async Task Sample_configs_and_the_embedded_defaults_follow_the_schema(string file)
    {
        var path = file == "appsettings.json"
            ? Path.Combine(RepositoryFiles.Root, "src", "Gateway", "appsettings.json")
            : Path.Combine(AppContext.BaseDirectory, "samples", "configs", file);
        var errors = (await SchemaAsync()).Validate(await File.ReadAllTextAsync(path));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Theory]
    [InlineData("""{ "Gateway": { "Inputs": { "a": { "Type": "Carrier-Pigeon" } } } }""")]
    [InlineData("""{ "Gateway": { "Inputs": { "a": { "Type": "Tcp", "Framing": "Smoke" } } } }""")]
    [InlineData("""{ "Gateway": { "Inputs": { "a": { "Type": "Tcp", "Port": 70000 } } } }""")]
    [InlineData("""{ "Gateway": { "Sinks": { "a": { "Type": "Http", "Urll": "http://x" } } } }""")]
    [InlineData("""{ "Gateway": { "Routes": { "r": { "Input": "a", "Converters": [ { "Type": "Renam" } ] } } } }""")]
    [InlineData("""{ "Gateway": { "Sinks": { "a": { "Type": "File", "Format": "Yaml" } } } }""")]
    [InlineData("""{ "Gateway": { "Telemetry": { "Otlp": { "Protocol": "Carrier" } } } }""")]
    [InlineData("""{ "Gateway": { "Routs": {} } }""")]
    public async Task Wrong_configs_are_flagged(string config)
        => Assert.NotEmpty((await SchemaAsync()).Validate(config));

    [Theory]
    [InlineData("""{ "Gateway": { "Inputs": { "a": { "Type": "Tcp", "Framing": "LengthPrefix", "Port": 7000, "Format": "Csv", "Delimiter": ";" } } } }""")]
    [InlineData("""{ "Gateway": { "Sinks": { "a": { "Type": "Http", "Url": "http://x", "Retry": { "MaxAttempts": 2 }, "AttemptTimeout": "00:00:05" } } } }""")]
    [InlineData("""{ "Gateway": { "Routes": { "r": { "Input": "a", "Sinks": [ "b" ], "Converters": [ { "Type": "Rename", "Map": { "a": "b" } } ] } } } }""")]
    [InlineData("""{ "Gateway": { "Telemetry": { "Otlp": { "Endpoint": "http://localhost:4317", "Protocol": "Grpc" } }, "Admin": { "ApiKey": "0123456789abcdef" } } }""")]
    public async Task The_same_configs_written_right_pass(string config)
    {
        var errors = (await SchemaAsync()).Validate(config);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    private static async Task<JsonSchema> SchemaAsync()
        => await JsonSchema.FromJsonAsync(await File.ReadAllTextAsync(Path.Combine(RepositoryFiles.Root, SchemaPath)));
}
