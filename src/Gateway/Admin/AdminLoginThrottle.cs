using System.Threading.RateLimiting;

namespace Gateway.Admin;

/// <summary>
/// Counts failed dashboard logins per client address with a fixed-window rate limiter: after
/// <see cref="FailuresPerWindow"/> failures in <see cref="Window"/>, the address gets 429 until the window ends, even
/// with the right key, so guessing the key takes years.
/// </summary>
internal sealed class AdminLoginThrottle : IDisposable
{
    public const int FailuresPerWindow = 5;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(
        address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = FailuresPerWindow,
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>True when <paramref name="address"/> used up its failures in this window.</summary>
    public bool IsLockedOut(string address) => _failures.GetStatistics(address)?.CurrentAvailablePermits == 0;

    /// <summary>Counts a failed login of <paramref name="address"/>.</summary>
    public void Failed(string address)
    {
        using var lease = _failures.AttemptAcquire(address);
    }

    public void Dispose() => _failures.Dispose();
}
