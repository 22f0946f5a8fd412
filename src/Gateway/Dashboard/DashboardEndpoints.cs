using System.Collections.Frozen;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Gateway.Admin;
using Gateway.Http.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gateway.Dashboard;

/// <summary>
/// The dashboard: <c>GET /</c> (the page, or the login page when an API key is set and the browser has no session),
/// <c>GET /dashboard/{file}</c> (its script and styles, embedded in the executable so it works from any directory and
/// in a container), and <c>POST /admin/login</c> / <c>POST /admin/logout</c>. Every file is served with a strict
/// Content-Security-Policy: scripts, styles and requests from this origin only, nothing inline.
/// </summary>
internal static partial class DashboardEndpoints
{
    private const string ResourcePrefix = "Gateway.Dashboard.";

    /// <summary>The page without its "Log out" form, for a gateway without an admin key (no session to end).</summary>
    private const string OpenPage = "index.open.html";

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

        // Typed as Delegate: a lambda of HttpContext returning Task<IResult> would bind as a RequestDelegate, its result unused.
        Delegate page = async (HttpContext context, AdminKey key) =>
            Serve(context, !await AdminAuth.IsAdminAsync(context) ? "login.html" : key.Required ? "index.html" : OpenPage);
        Delegate file = async (HttpContext context, string file) =>
            file.StartsWith("login.", StringComparison.Ordinal) || await AdminAuth.IsAdminAsync(context) ? Serve(context, file) : Results.Unauthorized();
        Delegate logout = async (HttpContext context) =>
        {
            // Signing out deletes the server-side session, so a copy of the cookie no longer opens anything.
            await context.SignOutAsync(HttpAuthSchemeNames.AdminCookie);
            return Results.Redirect("/");
        };
        endpoints.MapGet("/", page).ExcludeFromDescription();
        endpoints.MapGet("/dashboard/{file}", file).ExcludeFromDescription();
        endpoints.MapPost("/admin/login", LoginAsync).ExcludeFromDescription();
        endpoints.MapPost("/admin/logout", logout).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> LoginAsync(HttpContext context, AdminKey key, AdminLoginThrottle throttle, ILoggerFactory loggers)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        if (!key.Required)
        {
            return Results.Redirect("/");
        }

        var logger = loggers.CreateLogger("Gateway.Admin");
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "-";
        if (throttle.IsLockedOut(remote))
        {
            AdminLog.LoginThrottled(logger, remote, AdminLoginThrottle.FailuresPerWindow);
            context.Response.Headers.RetryAfter = ((int)AdminLoginThrottle.Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                title: "Too many failed logins",
                detail: $"{AdminLoginThrottle.FailuresPerWindow} logins from {remote} failed within {AdminLoginThrottle.Window.TotalSeconds:0} s; wait before trying again.",
                statusCode: StatusCodes.Status429TooManyRequests);
        }

        if (!key.Matches(form?["key"].ToString()))
        {
            throttle.Failed(remote);
            AdminLog.LoginFailed(logger, remote);
            return Results.Redirect("/?login=failed");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], HttpAuthSchemeNames.AdminCookie);
        await context.SignInAsync(HttpAuthSchemeNames.AdminCookie, new ClaimsPrincipal(identity));
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
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy.Strict;
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
            assets[name] = new Asset(content, ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream"), Tag(content));
        }

        if (assets.TryGetValue("index.html", out var index))
        {
            var open = Encoding.UTF8.GetBytes(LogoutForm().Replace(Encoding.UTF8.GetString(index.Content), string.Empty));
            assets[OpenPage] = index with { Content = open, ETag = Tag(open) };
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);

        static EntityTagHeaderValue Tag(byte[] content) => new($"\"{Convert.ToHexString(SHA256.HashData(content))[..16]}\"");
    }

    [GeneratedRegex("""<form[^>]*action="/admin/logout".*?</form>""", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex LogoutForm();

    private sealed record Asset(byte[] Content, string ContentType, EntityTagHeaderValue ETag);
}
