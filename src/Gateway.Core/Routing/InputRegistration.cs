namespace Gateway.Core.Routing;

/// <summary>A named input factory: its options class and how to build the input from bound, valid options.</summary>
public sealed record InputRegistration(string Type, Type OptionsType, Func<object, InputContext, IMessageInput> Create);
