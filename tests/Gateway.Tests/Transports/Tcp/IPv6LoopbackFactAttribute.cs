using System.Net;
using System.Net.Sockets;

namespace Gateway.Tests.Transports.Tcp;

/// <summary>
/// A test that listens on <c>[::1]</c>: reported as skipped, with the reason, on a machine where IPv6 is off or the
/// IPv6 loopback cannot be bound (some containers), instead of passing without testing anything.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class IPv6LoopbackFactAttribute : FactAttribute
{
    public IPv6LoopbackFactAttribute()
    {
        if (WhyNot() is { } reason)
        {
            Skip = reason;
        }
    }

    private static string? WhyNot()
    {
        if (!Socket.OSSupportsIPv6)
        {
            return "IPv6 is off on this machine, so nothing can listen on [::1].";
        }

        try
        {
            using var probe = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            return null;
        }
        catch (SocketException ex)
        {
            return $"The IPv6 loopback [::1] cannot be bound here ({ex.SocketErrorCode}).";
        }
    }
}
