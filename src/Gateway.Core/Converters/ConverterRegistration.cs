namespace Gateway.Core.Converters;

/// <summary>A named converter factory: its options class and how to build the step from bound, valid options.</summary>
public sealed record ConverterRegistration(string Type, Type OptionsType, Func<object, IServiceProvider, IMessageConverter> Create);
