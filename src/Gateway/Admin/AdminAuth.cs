using Gateway.Http.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Gateway.Admin;

/// <summary>
/// The admin surface's ASP.NET Core authentication: a cookie scheme for the dashboard's login sessions (Data Protection,
/// expiry, sessions kept server-side so logging out invalidates the cookie) and an API key scheme for scripts, both
/// accepted by the <see cref="PolicyName"/> policy.
/// </summary>
internal static class AdminAuth
{
    public const string PolicyName = "admin";

    public const string CookieName = "gateway_admin";

    public static void AddAdminSchemes(this AuthenticationBuilder authentication, IConfigurationSection admin)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        ArgumentNullException.ThrowIfNull(admin);
        var services = authentication.Services;
        // Sessions live in memory (AdminSessionStore), so the keys that protect their cookies may too: nothing is
        // written to disk, and a restart, which ends every session anyway, makes a new key.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton<AdminSessionStore>();
        services.AddSingleton<AdminLoginThrottle>();
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, AdminSessionStore.Setup>();
        services.AddOptions<CookieAuthenticationOptions>(HttpAuthSchemeNames.AdminCookie)
            .Configure<IOptions<AdminOptions>>((cookie, options) => cookie.ExpireTimeSpan = options.Value.SessionLifetime);
        authentication.AddCookie(HttpAuthSchemeNames.AdminCookie, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.SlidingExpiration = false; // a session ends SessionLifetime after the login, used or not
            cookie.Events.OnRedirectToLogin = context => Status(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Status(context, StatusCodes.Status403Forbidden);
        });
        authentication.AddApiKey(HttpAuthSchemeNames.AdminKey, admin[nameof(AdminOptions.ApiKey)] is { Length: > 0 } key ? [key] : []);
        services.AddAuthorizationBuilder().AddPolicy(PolicyName, policy => policy
            .AddAuthenticationSchemes(HttpAuthSchemeNames.AdminCookie, HttpAuthSchemeNames.AdminKey)
            .RequireAuthenticatedUser());
    }

    /// <summary>Puts <paramref name="builder"/> behind the admin key, when one is configured.</summary>
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder, IServiceProvider services)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetRequiredService<AdminKey>().Required)
        {
            builder.RequireAuthorization(PolicyName)
                .WithMetadata(new EndpointAuthDescription($"Send the admin key in the {AdminKey.HeaderName} header, or log in on the dashboard."));
        }

        return builder;
    }

    /// <summary>Puts <c>/metrics</c> or <c>/readyz</c> behind the admin key when <c>Gateway:Admin:ProtectMetrics</c> asks for it.</summary>
    public static TBuilder RequireAdminForMetrics<TBuilder>(this TBuilder builder, IServiceProvider services)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<IOptions<AdminOptions>>().Value.ProtectMetrics ? builder.RequireAdmin(services) : builder;
    }

    /// <summary>True when the request carries a valid admin session or key (or none is needed).</summary>
    public static async Task<bool> IsAdminAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.RequestServices.GetRequiredService<AdminKey>().Required)
        {
            return true;
        }

        foreach (var scheme in new[] { HttpAuthSchemeNames.AdminCookie, HttpAuthSchemeNames.AdminKey })
        {
            if ((await context.AuthenticateAsync(scheme)).Succeeded)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>API callers get a status, not a redirect to a login page.</summary>
    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
