using System.Text.Json;
using Gateway.Core.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace Gateway.Hosting;

/// <summary>
/// Where the <c>Gateway</c> section comes from. Without <c>--config</c>: the defaults embedded in the executable
/// (<c>appsettings.json</c>, lowest precedence), then the usual ASP.NET Core sources. With <c>--config FILE</c>: the
/// file's <c>Gateway</c> section replaces the default one entirely (the <c>Gateway</c> keys of every
/// <c>appsettings*.json</c> are hidden), while environment variables and the command line still override it.
/// The <c>GATEWAY_CONFIG</c> environment variable names the file when <c>--config</c> is not given (containers).
/// The host watches the file: <see cref="ConfigurationReloader"/> applies what changes in it.
/// </summary>
internal static class GatewayConfiguration
{
    public const string SectionName = "Gateway";

    /// <summary>The setting (an environment variable, typically) naming the config file when <c>--config</c> is not given.</summary>
    public const string ConfigFileSetting = "GATEWAY_CONFIG";

    private const string DefaultsResource = "Gateway.appsettings.json";

    /// <summary>The config file named by <see cref="ConfigFileSetting"/> (<c>GATEWAY_CONFIG=/etc/gateway/gateway.json</c>), or null.</summary>
    public static string? ConfigFileFrom(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[ConfigFileSetting] is { Length: > 0 } file ? file : null;
    }

    /// <summary>Applies the defaults or <paramref name="configFile"/> to the sources of a host's configuration.</summary>
    public static void Apply(IConfigurationBuilder configuration, string? configFile)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var sources = configuration.Sources;
        if (configFile is null)
        {
            sources.Insert(0, new DerivedConfigurationSource(LoadDefaults, _ => true));
            return;
        }

        // The embedded defaults outside the Gateway section (log levels) still apply under a config file.
        sources.Insert(0, new DerivedConfigurationSource(LoadDefaults, key => !IsGatewayKey(key)));

        var file = CreateFileSource(configFile, reloadOnChange: true);
        var insertAt = -1;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: { } path } json
                && Path.GetFileName(path).StartsWith("appsettings", StringComparison.OrdinalIgnoreCase))
            {
                sources[i] = new DerivedConfigurationSource(() => new ConfigurationBuilder().Add(json).Build(), key => !IsGatewayKey(key));
                insertAt = i + 1;
            }
        }

        if (insertAt < 0)
        {
            var environment = sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
            insertAt = environment < 0 ? sources.Count : environment;
        }

        // The watched source ignores a file it cannot parse (for reloads), so a broken file is refused here at start.
        Load(() => ConfigurationFileErrors.CheckSyntax(configFile), configFile);
        Load(() => sources.Insert(insertAt, file), configFile);
    }

    /// <summary>The configuration <c>gateway validate</c> checks: <paramref name="configFile"/>, then environment variables.</summary>
    public static IConfigurationRoot BuildFromFile(string configFile)
    {
        var file = CreateFileSource(configFile, reloadOnChange: false);
        IConfigurationRoot? root = null;
        Load(() => root = new ConfigurationBuilder().Add(file).AddEnvironmentVariables().Build(), configFile);
        return root!;
    }

    /// <summary>The embedded default configuration (the <c>appsettings.json</c> built into the executable).</summary>
    public static IConfigurationRoot LoadDefaults()
    {
        using var stream = typeof(GatewayConfiguration).Assembly.GetManifestResourceStream(DefaultsResource)
            ?? throw new InvalidOperationException($"The embedded resource {DefaultsResource} is missing.");
        return new ConfigurationBuilder().AddJsonStream(stream).Build();
    }

    /// <summary>True for <c>Gateway</c> and every key below it.</summary>
    public static bool IsGatewayKey(string key) =>
        string.Equals(key, SectionName, StringComparison.OrdinalIgnoreCase)
        || key.StartsWith(SectionName + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase);

    private static JsonConfigurationSource CreateFileSource(string configFile, bool reloadOnChange)
    {
        var fullPath = Path.GetFullPath(configFile);
        if (!File.Exists(fullPath))
        {
            throw new GatewayConfigurationException($"{configFile}: the configuration file does not exist.");
        }

        var source = new JsonConfigurationSource { Path = fullPath, Optional = false, ReloadOnChange = reloadOnChange };
        if (!reloadOnChange || UsesPolling())
        {
            // ASP.NET Core's provider: with DOTNET_USE_POLLING_FILE_WATCHER it polls the file (symlinked ConfigMaps).
            source.ResolveFileProvider();
            return source;
        }

        // A reload of a file that does not parse must not throw on the file watcher's thread: the
        // ConfigurationReloader reads the file itself, reports the problem and keeps the running configuration.
        source.OnLoadException = context => context.Ignore = true;

        // Only the file itself is watched, not the tree below its folder (which may hold the durable log).
        source.FileProvider = new FolderFileProvider(Path.GetDirectoryName(fullPath)!);
        source.Path = Path.GetFileName(fullPath);
        return source;
    }

    /// <summary>True when DOTNET_USE_POLLING_FILE_WATCHER asks for polling, as ASP.NET Core's file provider reads it.</summary>
    private static bool UsesPolling() =>
        Environment.GetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER") is { } value
        && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));

    private static void Load(Action load, string configFile)
    {
        try
        {
            load();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or JsonException or IOException or UnauthorizedAccessException)
        {
            throw new GatewayConfigurationException(ConfigurationFileErrors.Describe(configFile, ex), ex);
        }
    }
}
