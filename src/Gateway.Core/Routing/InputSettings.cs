namespace Gateway.Core.Routing;

/// <summary>The keys every input section has besides its type's own options and the format options.</summary>
public sealed class InputSettings
{
    /// <summary><c>Http</c>, <c>Tcp</c>, <c>Mqtt</c>, or a plugin's input type.</summary>
    public string? Type { get; set; }

    /// <summary>The format of the input's bodies. HTTP inputs take it from <c>Content-Type</c> when it is not set; others default to <c>Json</c>.</summary>
    public string? Format { get; set; }
}
