namespace Gateway.Core.Formats.Options;

/// <summary>How the value of a format option is written on the command line and in query strings.</summary>
public enum FormatOptionKind
{
    /// <summary><c>true</c>/<c>false</c> in a query string (a bare name means true); a flag on the command line.</summary>
    Flag,

    /// <summary>Free text.</summary>
    Text,

    /// <summary>A whole number.</summary>
    Number,

    /// <summary>May be given several times; each value may also hold a comma-separated list.</summary>
    List,
}
