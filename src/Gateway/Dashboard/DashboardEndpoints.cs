using System.Collections.Frozen;
using System.Security.Cryptography;
using Gateway.Admin;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gateway.Dashboard;

/// <summary>
/// The dashboard: <c>GET /</c> (the page, or the login page when an API key is set and the browser has no session),
/// <c>GET /dashboard/{file}</c> (its script and styles, embedded in the executable so it works from any directory and
/// in a container), and <c>POST /admin/login</c> / <c>POST /admin/logout</c>.
/// </summary>
internal static class DashboardEndpoints
{
    private const string ResourcePrefix = "Gateway.Dashboard.";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary();

    private static readonly Lazy<FrozenDictionary<string, Asset>> Assets = new(LoadAssets);

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<AdminOptions>>().Value.Dashboard)
        {
            return endpoints;
        }

        endpoints.MapGet("/", (HttpContext context, AdminKey key) => Serve(context, key.Allows(context.Request) ? "index.html" : "login.html"))
            .ExcludeFromDescription();
        endpoints.MapGet("/dashboard/{file}", (HttpContext context, AdminKey key, string file) =>
                key.Allows(context.Request) ? Serve(context, file) : Results.Unauthorized())
            .ExcludeFromDescription();
        endpoints.MapPost("/admin/login", LoginAsync).ExcludeFromDescription();
        endpoints.MapPost("/admin/logout", (HttpContext context) =>
            {
                context.Response.Cookies.Delete(AdminKey.CookieName);
                return Results.Redirect("/");
            })
            .ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> LoginAsync(HttpContext context, AdminKey key, ILoggerFactory loggers)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        if (!key.Required)
        {
            return Results.Redirect("/");
        }

        if (!key.Matches(form?["key"].ToString()))
        {
            var logger = loggers.CreateLogger("Gateway.Admin");
            AdminLog.Refused(logger, context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress?.ToString());
            return Results.Redirect("/?login=failed");
        }

        context.Response.Cookies.Append(AdminKey.CookieName, key.CookieValue, new CookieOptions
        {
            HttpOnly = true,
            SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
        });
        return Results.Redirect("/");
    }

    private static IResult Serve(HttpContext context, string file)
    {
        if (!Assets.Value.TryGetValue(file, out var asset))
        {
            return Results.NotFound();
        }

        var headers = context.Response.GetTypedHeaders();
        headers.ETag = asset.ETag;
        headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        context.Response.Headers.XContentTypeOptions = "nosniff";
        if (context.Request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Compare(asset.ETag, useStrongComparison: false)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }

    private static FrozenDictionary<string, Asset> LoadAssets()
    {
        var assembly = typeof(DashboardEndpoints).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var etag = new EntityTagHeaderValue($"\"{Convert.ToHexString(SHA256.HashData(content))[..16]}\"");
            assets[name] = new Asset(content, ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream"), etag);
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed record Asset(byte[] Content, string ContentType, EntityTagHeaderValue ETag);
}
