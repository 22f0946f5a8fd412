using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Gateway.Admin;

/// <summary>
/// Keeps the dashboard's login sessions in memory: the cookie holds only a random session id (protected by Data
/// Protection), so each login gets a new cookie, logging out deletes the session and the old cookie stops working, and
/// a restart signs everyone out. At most <see cref="MaxSessions"/> sessions are kept; the oldest go first.
/// </summary>
internal sealed class AdminSessionStore(TimeProvider time) : ITicketStore
{
    public const int MaxSessions = 1000;

    private readonly ConcurrentDictionary<string, AuthenticationTicket> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        Prune();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        _sessions[key] = ticket;
        return Task.FromResult(key);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        // Only sessions that exist are renewed: a cookie of a deleted session must not bring it back.
        if (_sessions.ContainsKey(key))
        {
            _sessions[key] = ticket;
        }

        return Task.CompletedTask;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        if (_sessions.TryGetValue(key, out var ticket) && Expired(ticket))
        {
            _sessions.TryRemove(key, out _);
            ticket = null;
        }

        return Task.FromResult(ticket);
    }

    public Task RemoveAsync(string key)
    {
        _sessions.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    private bool Expired(AuthenticationTicket ticket) => ticket.Properties.ExpiresUtc is { } expires && expires <= time.GetUtcNow();

    private void Prune()
    {
        foreach (var (key, ticket) in _sessions)
        {
            if (Expired(ticket))
            {
                _sessions.TryRemove(key, out _);
            }
        }

        foreach (var (key, _) in _sessions.OrderBy(s => s.Value.Properties.IssuedUtc).Take(Math.Max(0, _sessions.Count - MaxSessions + 1)))
        {
            _sessions.TryRemove(key, out _);
        }
    }

    /// <summary>Stores the sessions of the admin cookie scheme here.</summary>
    internal sealed class Setup(AdminSessionStore store) : Microsoft.Extensions.Options.IPostConfigureOptions<CookieAuthenticationOptions>
    {
        public void PostConfigure(string? name, CookieAuthenticationOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            if (name == Http.Security.HttpAuthSchemeNames.AdminCookie)
            {
                options.SessionStore = store;
            }
        }
    }
}
