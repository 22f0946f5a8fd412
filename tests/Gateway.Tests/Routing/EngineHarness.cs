using System.Collections.Concurrent;
using System.Text;
using Gateway.Converters;
using Gateway.Core.Configuration;
using Gateway.Core.Engine;
using Gateway.Core.Messages;
using Gateway.Core.Routing;
using Gateway.Formats.Csv;
using Gateway.Formats.Json;
using Gateway.Formats.Xml;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Routing;

/// <summary>
/// A route engine built from a JSON <c>Gateway</c> section the way the host builds it, with <c>Test</c> inputs and
/// <c>Recording</c> sinks, dead letters in a temporary folder. Started on creation, stopped and cleaned on dispose.
/// </summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IConfigurationSection _gateway;
    private readonly ConcurrentDictionary<string, RecordingSink> _sinks = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, BatchRecordingSink> _batchSinks = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, HeldSink> _heldSinks = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, TestInput> _inputs = new(StringComparer.OrdinalIgnoreCase);

    private EngineHarness(string gatewayJson, (string DeadLetters, string Buffer)? folders = null)
    {
        DeadLetterFolder = folders?.DeadLetters ?? Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));
        BufferFolder = folders?.Buffer ?? DeadLetterFolder + "-buffer";
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes($"{{\"Gateway\":{gatewayJson}}}")))
            .AddInMemoryCollection([new("Gateway:DeadLetters:Folder", DeadLetterFolder), new("Gateway:Buffer:Folder", BufferFolder)])
            .Build();
        _gateway = configuration.GetSection("Gateway");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGateway(configuration.GetSection("Gateway"))
            .AddJsonFormat()
            .AddNdjsonFormat()
            .AddCsvFormat()
            .AddXmlFormat()
            .AddBuiltInConverters()
            .AddInput<TestInputOptions>("Test", (options, context) => _inputs.GetOrAdd(context.Id, _ => new TestInput(context, options.Listens)))
            .AddSink<RecordingSinkOptions>("Recording", (options, context) => _sinks[context.Id] = new RecordingSink(options))
            .AddSink<BatchRecordingSinkOptions>("Batching", (options, context) => _batchSinks[context.Id] = new BatchRecordingSink(options))
            .AddSink<HeldSinkOptions>("Held", (_, context) => _heldSinks[context.Id] = new HeldSink(), inFlightBatches: 4)
            .AddSink<RecordingSinkOptions>("Unreachable", (_, context) => throw new InvalidOperationException($"sink '{context.Id}' cannot be created"))
            .AddRouteEngine();
        _services = services.BuildServiceProvider();
    }

    public GatewayEngine Engine => _services.GetRequiredService<GatewayEngine>();

    /// <summary>The services the engine was built from (registrations of formats, converters, inputs and sinks).</summary>
    public IServiceProvider Services => _services;

    public string DeadLetterFolder { get; }

    /// <summary>The engine's durable buffer (disk durability unless the JSON says otherwise).</summary>
    public string BufferFolder { get; }

    public GatewayCounters Counters => Engine.Counters;

    /// <summary>Starts an engine; with <paramref name="folders"/> it reuses another harness's dead letters and buffer (a restart).</summary>
    public static async Task<EngineHarness> StartAsync(string gatewayJson, (string DeadLetters, string Buffer)? folders = null)
    {
        var harness = await BindAsync(gatewayJson, folders);
        await harness.Engine.StartedAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>Runs only the engine's first start step, as the host does before its web server binds; <see cref="GatewayEngine.StartedAsync"/> is the test's to call.</summary>
    public static async Task<EngineHarness> BindAsync(string gatewayJson, (string DeadLetters, string Buffer)? folders = null)
    {
        var harness = new EngineHarness(gatewayJson, folders);
        await harness.Engine.StartAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>Builds the route table from <paramref name="gatewayJson"/> and returns the problems.</summary>
    public static IReadOnlyList<string> Validate(string gatewayJson) => Build(gatewayJson).Errors;

    /// <summary>Builds the route table from <paramref name="gatewayJson"/>: the table (null when there are problems) and the problems.</summary>
    public static (RouteTable? Table, IReadOnlyList<string> Errors) Build(string gatewayJson)
    {
        var harness = new EngineHarness(gatewayJson);
        try
        {
            var errors = new List<string>();
            var table = harness._services.GetRequiredService<RouteTableBuilder>().TryBuild(harness._gateway, errors);
            return (table, errors);
        }
        finally
        {
            harness._services.Dispose();
        }
    }

    /// <summary>
    /// Builds a table from <paramref name="gatewayJson"/> (with this harness's dead-letter folder) and applies it to
    /// the running engine; throws with every problem when the JSON is not a valid table.
    /// </summary>
    public Task<ReloadResult> ReloadAsync(string gatewayJson)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes($"{{\"Gateway\":{gatewayJson}}}")))
            .AddInMemoryCollection([new("Gateway:DeadLetters:Folder", DeadLetterFolder)])
            .Build();
        var errors = new List<string>();
        var table = _services.GetRequiredService<RouteTableBuilder>().TryBuild(configuration.GetSection("Gateway"), errors)
            ?? throw new GatewayConfigurationException(errors);
        return Engine.ReloadAsync(table, CancellationToken.None);
    }

    public IMessageDispatcher Dispatcher(string input) => _inputs[input].Context.Dispatcher;

    public TestInput Input(string input) => _inputs[input];

    public RecordingSink Sink(string sink) => _sinks[sink];

    public BatchRecordingSink BatchSink(string sink) => _batchSinks[sink];

    public HeldSink HeldSink(string sink) => _heldSinks[sink];

    /// <summary>Dispatches a message the way an Http input with <c>?wait=true</c> does (delivery tracked) and waits until it is stored.</summary>
    public async Task<MessageReceipt> SendAsync(string input, string body, string format = FormatNames.Json)
    {
        if (!Dispatcher(input).TryDispatch(new Message(Encoding.UTF8.GetBytes(body), format, input), DispatchOptions.TrackDelivery, out var receipt, out var refusal))
        {
            throw new InvalidOperationException(refusal);
        }

        await receipt.Committed;
        return receipt;
    }

    /// <summary>The dead-letter <c>.meta.json</c> files written so far.</summary>
    public IReadOnlyList<string> DeadLetterMeta()
        => Directory.Exists(DeadLetterFolder) ? Directory.GetFiles(DeadLetterFolder, "*.meta.json") : [];

    public ValueTask DisposeAsync() => DisposeAsync(keepFolders: false);

    /// <summary>Stops the engine; <paramref name="keepFolders"/> leaves the buffer and dead letters for a restart.</summary>
    public async ValueTask DisposeAsync(bool keepFolders)
    {
        await Engine.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        if (keepFolders)
        {
            return;
        }

        foreach (var folder in new[] { DeadLetterFolder, BufferFolder })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
