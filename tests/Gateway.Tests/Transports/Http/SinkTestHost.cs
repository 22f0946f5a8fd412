using System.Text;
using Gateway.Core.Configuration;
using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Gateway.Core.Routing;
using Gateway.Formats.Csv;
using Gateway.Formats.Json;
using Gateway.Formats.Xml;
using Gateway.Transports.Consoles;
using Gateway.Transports.Files;
using Gateway.Transports.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Tests.Transports.Http;

/// <summary>
/// Builds sinks the way the gateway does: registered by <c>AddHttpSink()</c>, <c>AddFileSink()</c> and
/// <c>AddConsoleSink()</c>, options bound and validated from a sink section at <see cref="SinkPath"/>, and messages
/// encoded from canonical JSON into the sink's format.
/// </summary>
internal sealed class SinkTestHost : IDisposable
{
    /// <summary>The config path of the sink section: option errors start with it.</summary>
    public const string SinkPath = "Gateway:Sinks:s";

    /// <summary>How long any one network operation of a test may take before the test fails.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    // The keys every sink section has besides its type's options; the engine binds them elsewhere.
    private static readonly string[] SectionKeys = ["Type", "Format", "Retry", "AttemptTimeout"];

    private readonly ServiceProvider _services;

    public SinkTestHost()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGateway(new ConfigurationBuilder().Build())
            .AddJsonFormat().AddNdjsonFormat().AddCsvFormat().AddXmlFormat()
            .AddHttpSink().AddFileSink().AddConsoleSink();
        _services = services.BuildServiceProvider();
        Formats = _services.GetRequiredService<FormatRegistry>();
    }

    public FormatRegistry Formats { get; }

    /// <summary>The problems of a sink section given as a JSON object (empty when it is valid).</summary>
    public IReadOnlyList<string> Errors(string type, string sectionJson)
    {
        var errors = new List<string>();
        OptionsBinder.Bind(Registration(type).OptionsType, Section(sectionJson), errors, SectionKeys);
        return errors;
    }

    /// <summary>A sink of <paramref name="type"/> built from a valid section, logging to <paramref name="logger"/> if given.</summary>
    public IMessageSink Create(string type, string sectionJson, string format = FormatNames.Json, FormatOptions? formatOptions = null, ILogger? logger = null)
    {
        var registration = Registration(type);
        var errors = new List<string>();
        // The section holds the sink's Format, as in configuration, unless the test sets another on purpose.
        var section = sectionJson.Contains("\"Format\"", StringComparison.Ordinal)
            ? sectionJson
            : $$"""{ "Format": "{{format}}", {{sectionJson.Trim()[1..]}}""";
        var options = OptionsBinder.Bind(registration.OptionsType, Section(section), errors, SectionKeys);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        var context = new SinkContext("s", SinkPath, format, formatOptions ?? new FormatOptions(), _services, logger ?? NullLogger.Instance);
        return registration.Create(options!, context);
    }

    /// <summary>A message whose canonical body is <paramref name="json"/>, encoded in <paramref name="format"/>.</summary>
    public OutgoingMessage Message(string json, string format = FormatNames.Json, FormatOptions? formatOptions = null, string inputId = "in")
    {
        var canonical = new Message(Encoding.UTF8.GetBytes(json), FormatNames.Json, inputId);
        var body = FormatConverter.Convert(canonical.Body, Formats.Get(FormatNames.Json), Formats.Get(format), formatOptions ?? new FormatOptions(), out _);
        return new OutgoingMessage(canonical, body, format);
    }

    /// <summary>Sends with every wait bounded: a hang fails the test instead of stalling the run.</summary>
    public static async Task SendAsync(IMessageSink sink, OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(Bound);
        await sink.SendAsync(message, bound.Token).AsTask().WaitAsync(Bound + TimeSpan.FromSeconds(5), CancellationToken.None);
    }

    public void Dispose() => _services.Dispose();

    private SinkRegistration Registration(string type)
        => _services.GetServices<SinkRegistration>().Single(r => r.Type == type);

    private static IConfigurationSection Section(string sectionJson)
    {
        var json = $$"""{ "Gateway": { "Sinks": { "s": {{sectionJson}} } } }""";
        return new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build().GetSection(SinkPath);
    }
}
