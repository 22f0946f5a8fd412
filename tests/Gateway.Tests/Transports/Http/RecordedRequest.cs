namespace Gateway.Tests.Transports.Http;

/// <summary>One request a <see cref="LoopbackHttpServer"/> received: the request target as sent, headers and body.</summary>
internal sealed record RecordedRequest(string Method, string RawTarget, IReadOnlyDictionary<string, string> Headers, byte[] Body);
