using System.Net;

namespace Gateway.FunctionalTests.Support;

/// <summary>One incarnation of a <see cref="CrashingGateway"/>, as its clients see it: where it listens.</summary>
/// <param name="Incarnation">1 for the first start, one more for each restart.</param>
/// <param name="HttpAddress">Kestrel's address (the Http inputs).</param>
/// <param name="TcpEndpoint">The Tcp input's endpoint, when the gateway has the one it was asked to watch.</param>
public sealed record GatewayTarget(int Incarnation, Uri HttpAddress, IPEndPoint? TcpEndpoint);
