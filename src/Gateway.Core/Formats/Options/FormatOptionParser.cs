namespace Gateway.Core.Formats.Options;

/// <summary>Parses one option value written as text; returns an error message (what is wrong, what to write), or null when it is valid.</summary>
public delegate string? FormatOptionParser<T>(string text, out T value);
