using Gateway.Core.Templates;

namespace Gateway.Converters.Shaping;

/// <summary>What <c>Set</c> writes at one path: a rendered template (a string) or fixed JSON text.</summary>
internal sealed record SetAction(MessageTemplate? Template, byte[]? Json);
