using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Gateway.Http.Security;

/// <summary>
/// The Content-Security-Policy of the pages the gateway serves. The dashboard runs only its own files (<see cref="Strict"/>).
/// The Scalar API reference has one inline script, which is allowed by its SHA-256 hash, computed from the page as
/// served; its styles are injected at run time, so they need <c>'unsafe-inline'</c> (styles cannot run code).
/// </summary>
internal static partial class ContentSecurityPolicy
{
    /// <summary>Scripts, styles, images and requests from this origin only; nothing inline, no framing, forms post here.</summary>
    public const string Strict =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>The policy of an HTML page of the API reference, allowing exactly its inline scripts.</summary>
    public static string ForReferencePage(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var hashes = InlineScript().Matches(html)
            .Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value)))}'")
            .Distinct(StringComparer.Ordinal);
        return $"default-src 'none'; script-src 'self' {string.Join(' ', hashes)}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
    }

    /// <summary>
    /// Adds the policy to the pages under <paramref name="pathPrefix"/> (the API reference): paths without a file
    /// extension, whose small HTML is buffered to be hashed; its scripts and styles pass untouched.
    /// </summary>
    public static IApplicationBuilder UseReferencePagePolicy(this IApplicationBuilder app, string pathPrefix) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(pathPrefix, out var rest) && !Path.HasExtension(rest.Value), branch => branch.Use(async (context, next) =>
        {
            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = original;
            }

            if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                context.Response.Headers.ContentSecurityPolicy = ForReferencePage(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        }));

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
