namespace Gateway.Hosting;

internal static class ConfigurationReloadServiceCollectionExtensions
{
    /// <summary>Applies changes of the configuration file while the host runs (<see cref="ConfigurationReloader"/>).</summary>
    public static IServiceCollection AddConfigurationReload(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp => new ConfigurationReloader(
            sp.GetRequiredService<IConfiguration>(),
            sp,
            sp.GetRequiredService<Gateway.Core.Routing.GatewayEngine>(),
            sp.GetRequiredService<NamedPipelines>(),
            sp.GetRequiredService<ConfigurationReloadStatus>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<ConfigurationReloader>>()));
        services.AddHostedService(sp => sp.GetRequiredService<ConfigurationReloader>());
        return services;
    }
}
