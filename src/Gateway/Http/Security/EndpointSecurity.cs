using Microsoft.AspNetCore.Authorization;

namespace Gateway.Http.Security;

/// <summary>Puts an endpoint behind its authentication scheme (with the required claims) and its rate limit.</summary>
internal static class EndpointSecurity
{
    public static TBuilder RequireGatewaySecurity<TBuilder>(this TBuilder builder, string schemeName, HttpAuthOptions? auth, HttpRateLimitOptions? rateLimit)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (rateLimit is not null)
        {
            builder.RequireRateLimiting(new ClientRateLimitPolicy(schemeName, rateLimit));
        }

        if (auth is null)
        {
            return builder;
        }

        var policy = new AuthorizationPolicyBuilder(schemeName).RequireAuthenticatedUser();
        foreach (var (claim, value) in auth.RequiredClaims)
        {
            if (string.IsNullOrEmpty(value))
            {
                policy.RequireClaim(claim);
            }
            else
            {
                policy.RequireClaim(claim, value);
            }
        }

        builder.RequireAuthorization(policy.Build());
        builder.WithMetadata(new EndpointAuthDescription(HowToAuthenticate(auth)));
        return builder;
    }

    /// <summary>
    /// Describes the answers of a secured endpoint (401 and 403 with <c>Auth</c>, 429 with <c>RateLimit</c>) for
    /// every input and <c>/convert</c>: the OpenAPI document is the same whichever of them is configured.
    /// </summary>
    public static RouteHandlerBuilder ProducesSecurityProblems(this RouteHandlerBuilder builder) => builder
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static string HowToAuthenticate(HttpAuthOptions auth) => HttpAuthSchemes.Find(auth.Scheme) switch
    {
        HttpAuthSchemes.ApiKey => $"Send an API key in the {ApiKeyAuthenticationOptions.HeaderName} header or as 'Authorization: Bearer KEY'.",
        HttpAuthSchemes.Jwt => "Send a JSON Web Token as 'Authorization: Bearer TOKEN'.",
        _ => "Connect over HTTPS with a client certificate.",
    };
}
