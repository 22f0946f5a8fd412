using Microsoft.AspNetCore.Authentication;

namespace Gateway.Admin;

/// <summary>Registers the admin surface's options (<c>Gateway:Admin</c>, validated at start), its key and its authentication schemes.</summary>
internal static class AdminServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayAdmin(this IServiceCollection services, IConfigurationSection gateway, AuthenticationBuilder authentication)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(authentication);
        var admin = gateway.GetSection(AdminOptions.SectionName);
        services.AddOptions<AdminOptions>()
            .Bind(admin)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<AdminKey>();
        authentication.AddAdminSchemes(admin);
        return services;
    }
}
