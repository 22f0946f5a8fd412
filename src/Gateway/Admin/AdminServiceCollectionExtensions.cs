namespace Gateway.Admin;

/// <summary>Registers the admin surface's options (<c>Gateway:Admin</c>, validated at start) and key check.</summary>
internal static class AdminServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayAdmin(this IServiceCollection services, IConfigurationSection gateway)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(gateway);
        services.AddOptions<AdminOptions>()
            .Bind(gateway.GetSection(AdminOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<AdminKey>();
        return services;
    }
}
