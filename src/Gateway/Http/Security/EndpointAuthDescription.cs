namespace Gateway.Http.Security;

/// <summary>Endpoint metadata: how a caller authenticates, for the <c>detail</c> of a 401 problem.</summary>
internal sealed record EndpointAuthDescription(string HowToAuthenticate);
