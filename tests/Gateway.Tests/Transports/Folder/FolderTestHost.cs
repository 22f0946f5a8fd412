using Gateway.Core.Configuration;
using Gateway.Core.Formats;
using Gateway.Core.Routing;
using Gateway.Formats.Csv;
using Gateway.Formats.Json;
using Gateway.Formats.Xml;
using Gateway.Transports.Folder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Transports.Folder;

/// <summary>Builds <see cref="FolderInput"/>s the way the gateway does, on a <see cref="FakeTimeProvider"/> the test moves.</summary>
internal sealed class FolderTestHost : IDisposable
{
    public const string InputPath = "Gateway:Inputs:in";

    private readonly ServiceProvider _services;

    public FolderTestHost()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddGateway(new ConfigurationBuilder().Build())
            .AddJsonFormat().AddNdjsonFormat().AddCsvFormat().AddXmlFormat()
            .AddFolderTransport();
        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));

    /// <summary>The problems of an input section given as a JSON object (empty when it is valid).</summary>
    public static IReadOnlyList<string> Errors(string sectionJson)
    {
        var errors = new List<string>();
        OptionsBinder.Bind(typeof(FolderInputOptions), Section(sectionJson), errors, ["Type", "Format"]);
        return errors;
    }

    /// <summary>A Folder input from a valid section; <paramref name="format"/> as the section's Format (null: from the extension).</summary>
    public FolderInput Create(string sectionJson, IMessageDispatcher dispatcher, string? format = null, FormatOptions? formatOptions = null)
    {
        var errors = new List<string>();
        var options = (FolderInputOptions?)OptionsBinder.Bind(typeof(FolderInputOptions), Section(sectionJson), errors, ["Type", "Format"]);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        var context = new InputContext("in", InputPath, format, formatOptions ?? new FormatOptions(), dispatcher, _services, NullLogger.Instance);
        return new FolderInput(options!, context);
    }

    public void Dispose() => _services.Dispose();

    private static IConfigurationSection Section(string json)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes($$"""{ "Gateway": { "Inputs": { "in": {{json}} } } }""")))
            .Build();
        return configuration.GetSection(InputPath);
    }
}
