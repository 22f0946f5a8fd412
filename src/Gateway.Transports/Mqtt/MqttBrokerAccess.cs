using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Gateway.Core.Security;

namespace Gateway.Transports.Mqtt;

/// <summary>
/// Who may connect to the embedded broker and what each user may publish and subscribe to, from
/// <see cref="MqttBrokerOptions.Users"/>. With no user configured every client is let in and may do anything (the
/// broker's behaviour before users existed); with one, a client must log in as a configured user.
/// </summary>
internal sealed class MqttBrokerAccess : IDisposable
{
    private readonly Dictionary<string, MqttBrokerUser> _users;

    // PBKDF2 is slow on purpose. A password that passed is remembered (as its SHA-256) so reconnects cost nothing, and
    // one check runs at a time so that clients guessing passwords can take at most one core.
    private readonly ConcurrentDictionary<string, byte[]> _verified = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _hashing = new(1, 1);

    // Which user a client id's session belongs to, so that another user cannot take over its subscriptions.
    private readonly ConcurrentDictionary<string, string> _sessionOwners = new(StringComparer.Ordinal);

    public MqttBrokerAccess(IEnumerable<MqttBrokerUser> users)
    {
        _users = users.Where(u => !string.IsNullOrEmpty(u.Username)).ToDictionary(u => u.Username!, StringComparer.Ordinal);
    }

    /// <summary>True when users are configured, so anonymous clients are refused.</summary>
    public bool RequiresLogin => _users.Count > 0;

    /// <summary>Null when the client may connect, else why not (for the log; the client gets only a reason code).</summary>
    public async Task<string?> CheckLoginAsync(string? username, string? password, string? clientId, CancellationToken cancellationToken)
    {
        if (!RequiresLogin)
        {
            return null;
        }

        if (string.IsNullOrEmpty(username) || !_users.TryGetValue(username, out var user))
        {
            return string.IsNullOrEmpty(username) ? "no username (anonymous access is off once users are configured)" : $"unknown user '{username}'";
        }

        if (!await IsPasswordRightAsync(user, password ?? string.Empty, cancellationToken).ConfigureAwait(false))
        {
            return $"wrong password for user '{username}'";
        }

        if (string.IsNullOrEmpty(clientId))
        {
            return null; // MQTTnet refuses it on its own (an MQTT 3.1.1 client without a client id)
        }

        var owner = _sessionOwners.GetOrAdd(clientId, username);
        return owner == username ? null : $"client id '{clientId}' belongs to a session of user '{owner}'";
    }

    public void Dispose() => _hashing.Dispose();

    /// <summary>Forgets the owner of a session that ended.</summary>
    public void SessionDeleted(string clientId) => _sessionOwners.TryRemove(clientId, out _);

    public bool MayPublish(string? username, string topic)
        => !RequiresLogin || (Find(username) is { } user && user.Publish.Exists(p => MqttTopics.Matches(p, topic)));

    public bool MaySubscribe(string? username, string filter)
        => !RequiresLogin || (Find(username) is { } user && user.Subscribe.Exists(p => MqttTopics.Within(filter, p)));

    private MqttBrokerUser? Find(string? username) => username is not null && _users.TryGetValue(username, out var user) ? user : null;

    private async Task<bool> IsPasswordRightAsync(MqttBrokerUser user, string password, CancellationToken cancellationToken)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        if (user.PasswordHash is null)
        {
            return CryptographicOperations.FixedTimeEquals(digest, SHA256.HashData(Encoding.UTF8.GetBytes(user.Password ?? string.Empty)));
        }

        if (_verified.TryGetValue(user.Username!, out var known) && CryptographicOperations.FixedTimeEquals(digest, known))
        {
            return true;
        }

        await _hashing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!PasswordHash.Verify(password, user.PasswordHash))
            {
                return false;
            }
        }
        finally
        {
            _hashing.Release();
        }

        _verified[user.Username!] = digest;
        return true;
    }
}
