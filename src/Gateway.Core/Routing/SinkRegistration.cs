namespace Gateway.Core.Routing;

/// <summary>A named sink factory: its options class and how to build the sink from bound, valid options.</summary>
public sealed record SinkRegistration(string Type, Type OptionsType, Func<object, SinkContext, IMessageSink> Create);
