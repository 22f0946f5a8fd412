using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Gateway.Http.Security;

/// <summary>
/// One endpoint's token buckets, one per client address or per credential, run by ASP.NET Core's rate limiter.
/// A request over the limit gets 429 problem details with <c>Retry-After</c> in whole seconds.
/// </summary>
internal sealed class ClientRateLimitPolicy(string endpointName, HttpRateLimitOptions options) : IRateLimiterPolicy<string>
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);

        // The endpoint's name keeps buckets apart: the framework keys partitions of policy instances by key alone.
        var client = (options.ByKey ? CredentialOf(httpContext) : null) ?? "ip:" + httpContext.Connection.RemoteIpAddress;
        return RateLimitPartition.GetTokenBucketLimiter(endpointName + "|" + client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.BucketSize,
            TokensPerPeriod = options.PermitsPerSecond,
            ReplenishmentPeriod = Period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>The credential a request presents (API key, bearer token or client certificate), hashed; null when there is none.</summary>
    private static string? CredentialOf(HttpContext context)
    {
        if (ApiKeyAuthenticationHandler.PresentedKey(context.Request) is { } key)
        {
            return "key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        }

        return context.Connection.ClientCertificate is { } certificate ? "cert:" + certificate.Thumbprint : null;
    }

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(SecurityLog.Category);
        SecurityLog.RateLimited(logger, http, options.PermitsPerSecond);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This client sent more than {options.PermitsPerSecond} requests per second (bursts of {options.BucketSize}) to {http.Request.Path}; retry after {seconds} s.",
            },
        });
    }
}
