namespace Gateway.Core.Health;

/// <summary>A component's <see cref="ComponentState"/> and, when useful, what a person should know about it.</summary>
public readonly record struct ComponentHealth(ComponentState State, string? Detail = null)
{
    public static ComponentHealth Up(string? detail = null) => new(ComponentState.Up, detail);

    public static ComponentHealth Down(string detail) => new(ComponentState.Down, detail);
}
