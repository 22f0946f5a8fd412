namespace Gateway.Converters.Split;

/// <summary>
/// Options of the <c>Split</c> step, which has none: <c>{ "Type": "Split" }</c>. Any other key is reported as an
/// unknown option.
/// </summary>
public sealed class SplitOptions
{
}
