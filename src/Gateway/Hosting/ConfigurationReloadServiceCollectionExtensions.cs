using Gateway.Core.Engine;

namespace Gateway.Hosting;

internal static class ConfigurationReloadServiceCollectionExtensions
{
    /// <summary>Applies changes of <paramref name="configFile"/> while the host runs (<see cref="ConfigurationReloader"/>).</summary>
    public static IServiceCollection AddConfigurationReload(this IServiceCollection services, string configFile)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(configFile);
        services.AddSingleton(sp => new ConfigurationReloader(
            configFile,
            sp.GetRequiredService<IConfiguration>(),
            sp,
            sp.GetRequiredService<GatewayEngine>(),
            sp.GetRequiredService<NamedPipelines>(),
            sp.GetRequiredService<ConfigurationReloadStatus>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<ConfigurationReloader>>()));
        services.AddHostedService(sp => sp.GetRequiredService<ConfigurationReloader>());
        return services;
    }
}
