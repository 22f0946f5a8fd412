namespace Gateway.Cli;

/// <summary>The standard streams a CLI run reads and writes, so tests can run the CLI in-process.</summary>
/// <param name="Input">Standard input (binary).</param>
/// <param name="Output">Standard output (binary; help text is written to it as UTF-8).</param>
/// <param name="Error">Standard error.</param>
internal sealed record CliStreams(Stream Input, Stream Output, TextWriter Error);
