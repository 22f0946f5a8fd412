using System.Diagnostics.CodeAnalysis;

namespace Gateway.Fuzz;

/// <summary>
/// The fuzz targets by name. Each one takes the raw input and throws only for a bug: the errors that hostile input
/// is supposed to produce (<c>FormatReadException</c>, <c>InvalidFrameException</c>, ...) are caught inside.
/// </summary>
internal static class FuzzTargets
{
    private static readonly Dictionary<string, Action<Stream>> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["json"] = FormatTarget.Json,
        ["ndjson"] = FormatTarget.Ndjson,
        ["xml"] = FormatTarget.Xml,
        ["csv"] = FormatTarget.Csv,
        ["tcp-frames"] = FrameDecoderTarget.Run,
        ["mqtt-guard"] = MqttGuardTarget.Run,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static bool TryGet(string name, [NotNullWhen(true)] out Action<Stream>? target) => ByName.TryGetValue(name, out target);
}
