namespace Gateway.Core.Routing;

/// <summary>
/// A route (its <c>Converters</c> list is bound by the converter catalog, not here): <c>{ "Input": "orders-http", "Converters": [ ... ], "Sinks": [ "erp" ], "DeadLetter": "archive" }</c>.
/// </summary>
public sealed class RouteSettings
{
    /// <summary>The id of the input the route reads.</summary>
    public string? Input { get; set; }

    /// <summary>The ids of the sinks every message goes to (fan-out).</summary>
    public List<string> Sinks { get; } = [];

    /// <summary>Splits each message into one message per record after the converters.</summary>
    public bool Split { get; set; }

    /// <summary>The sink that takes what fails; without one, failures go to the dead-letter folder.</summary>
    public string? DeadLetter { get; set; }
}
