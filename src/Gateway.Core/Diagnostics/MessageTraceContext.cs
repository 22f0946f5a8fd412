using System.Diagnostics;
using Gateway.Core.Messages;

namespace Gateway.Core.Diagnostics;

/// <summary>
/// The W3C trace context a message carries from its input to its sinks, kept in its metadata under
/// <see cref="TraceParentKey"/> and <see cref="TraceStateKey"/> (the header names), so a trace that called the
/// gateway goes on through the route and into the systems its sinks call.
/// </summary>
public static class MessageTraceContext
{
    /// <summary>The metadata key (and HTTP header) holding the W3C <c>traceparent</c>.</summary>
    public const string TraceParentKey = "traceparent";

    /// <summary>The metadata key (and HTTP header) holding the W3C <c>tracestate</c>.</summary>
    public const string TraceStateKey = "tracestate";

    /// <summary>
    /// Records the caller's trace context in <paramref name="metadata"/>: <paramref name="current"/> when it is a W3C
    /// activity (it continues the caller's trace), else the <paramref name="traceParent"/> and
    /// <paramref name="traceState"/> the caller sent when they parse. Leaves the metadata alone when there is neither.
    /// </summary>
    public static void Capture(IDictionary<string, string> metadata, Activity? current, string? traceParent, string? traceState)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (current is { IdFormat: ActivityIdFormat.W3C, Id: { } id })
        {
            metadata[TraceParentKey] = id;
            Set(metadata, TraceStateKey, current.TraceStateString);
            return;
        }

        if (traceParent is not null && ActivityContext.TryParse(traceParent, traceState, out _))
        {
            metadata[TraceParentKey] = traceParent;
            Set(metadata, TraceStateKey, traceState);
        }
        else
        {
            metadata.Remove(TraceParentKey);
            metadata.Remove(TraceStateKey);
        }
    }

    /// <summary>The trace context <paramref name="message"/> carries, when it carries a valid one.</summary>
    public static bool TryGet(Message message, out ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(message);
        context = default;
        var metadata = message.Metadata;
        if (metadata.Count == 0 || !metadata.TryGetValue(TraceParentKey, out var traceParent))
        {
            return false;
        }

        metadata.TryGetValue(TraceStateKey, out var traceState);
        return ActivityContext.TryParse(traceParent, traceState, isRemote: true, out context);
    }

    private static void Set(IDictionary<string, string> metadata, string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            metadata.Remove(key);
        }
        else
        {
            metadata[key] = value;
        }
    }
}
