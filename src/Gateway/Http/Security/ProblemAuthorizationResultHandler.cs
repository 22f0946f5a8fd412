using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Gateway.Http.Security;

/// <summary>
/// Answers a refused request as the framework does (its scheme's challenge: <c>WWW-Authenticate</c>, 401 or 403), then
/// gives it a problem-details body saying what to send, and logs it in one line.
/// </summary>
internal sealed class ProblemAuthorizationResultHandler(IProblemDetailsService problems, ILoggerFactory loggers) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();
    private readonly ILogger _logger = loggers.CreateLogger(SecurityLog.Category);

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        await _default.HandleAsync(next, context, policy, authorizeResult);
        if (!(authorizeResult.Challenged || authorizeResult.Forbidden) || context.Response.HasStarted)
        {
            return;
        }

        var status = context.Response.StatusCode; // 401, or 403 (forbidden, or a refused client certificate)
        var failure = await FailureAsync(context, policy);
        var how = context.GetEndpoint()?.Metadata.GetMetadata<EndpointAuthDescription>()?.HowToAuthenticate ?? "Send credentials.";
        var reason = status == StatusCodes.Status401Unauthorized
            ? failure ?? "No credentials were sent."
            : failure ?? "The credentials do not carry the claims this endpoint requires.";
        SecurityLog.Refused(_logger, context, status, reason);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = status,
                Title = status == StatusCodes.Status401Unauthorized ? "Authentication required" : "Forbidden",
                Detail = status == StatusCodes.Status401Unauthorized ? $"{reason} {how}" : reason,
            },
        });
    }

    /// <summary>Why the policy's schemes refused the credentials sent; null when none were sent. Handlers cache their result, so this costs nothing more.</summary>
    private static async Task<string?> FailureAsync(HttpContext context, AuthorizationPolicy policy)
    {
        foreach (var scheme in policy.AuthenticationSchemes)
        {
            if ((await context.AuthenticateAsync(scheme)).Failure is { } failure)
            {
                return failure.Message;
            }
        }

        return null;
    }
}
