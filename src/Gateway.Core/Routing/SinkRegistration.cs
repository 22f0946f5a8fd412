namespace Gateway.Core.Routing;

/// <summary>A named sink factory: its options class and how to build the sink from bound, valid options.</summary>
public sealed record SinkRegistration(string Type, Type OptionsType, Func<object, SinkContext, IMessageSink> Create)
{
    /// <summary>
    /// How many batches a sink of this type has outstanding unless its <see cref="SinkSettings.MaxInFlightBatches"/>
    /// says otherwise. 1 means the type takes one batch at a time (a byte stream, a file, a connection that batches
    /// take turns on), and configuring more is an error; more means its sends may be called concurrently.
    /// </summary>
    public int InFlightBatches { get; init; } = 1;
}
