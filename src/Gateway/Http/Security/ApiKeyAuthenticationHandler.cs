using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gateway.Http.Security;

/// <summary>
/// An ASP.NET Core authentication scheme for API keys: the key comes in <c>X-Api-Key</c> or as
/// <c>Authorization: Bearer KEY</c> and is compared, as a SHA-256 hash, with the configured ones. The identity's
/// name is the start of the key's hash, which tells keys apart in logs without revealing them.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<ApiKeyAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (PresentedKey(Request) is not { } key)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!ApiKeyHashes.Matches(key, Options.KeyHashes))
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not one of the configured keys."));
        }

        var name = "key-" + Convert.ToHexStringLower(ApiKeyHashes.Of(key))[..12];
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer");
        return Task.CompletedTask;
    }

    /// <summary>The key in <c>X-Api-Key</c>, else the token of <c>Authorization: Bearer</c>; null when neither is sent.</summary>
    public static string? PresentedKey(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.TryGetValue(ApiKeyAuthenticationOptions.HeaderName, out var header) && header.Count == 1 && !string.IsNullOrEmpty(header[0]))
        {
            return header[0];
        }

        const string Bearer = "Bearer ";
        var authorization = request.Headers.Authorization;
        return authorization.Count == 1 && authorization[0] is { Length: > 7 } value && value.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase)
            ? value[Bearer.Length..].Trim()
            : null;
    }
}
