namespace Gateway.Transports.Consoles;

/// <summary>
/// Options of a <c>Console</c> sink: <c>{ "Type": "Console", "Format": "Json", "Pretty": true, "Target": "Stderr" }</c>.
/// Each message body is written as UTF-8 followed by a line feed (unless it already ends with one). Indenting comes
/// from the format option <c>Pretty</c>. See <c>docs/sinks.md</c>.
/// </summary>
public sealed class ConsoleSinkOptions
{
    /// <summary><c>Stdout</c> (default) or <c>Stderr</c>.</summary>
    public ConsoleSinkTarget Target { get; set; } = ConsoleSinkTarget.Stdout;
}
