using System.ComponentModel.DataAnnotations;

namespace Gateway.Transports.Tcp;

/// <summary>
/// The framing options the TCP input and sink share. They sit in the same flat section as the format options, so the
/// delimiter is <see cref="FrameDelimiter"/> (CSV already has <c>Delimiter</c>).
/// </summary>
public abstract class TcpFramingOptions : IValidatableObject
{
    /// <summary>How the stream is cut into messages; default <see cref="Tcp.Framing.NewLine"/>.</summary>
    public Framing Framing { get; set; } = Framing.NewLine;

    /// <summary>
    /// With <see cref="Tcp.Framing.Delimiter"/>: the bytes that end each message, as text with the escapes <c>\n</c>,
    /// <c>\r</c>, <c>\t</c>, <c>\0</c>, <c>\\</c> and <c>\xHH</c> (<c>"\\r\\n"</c>, <c>"\\x1E"</c> in JSON).
    /// </summary>
    public string? FrameDelimiter { get; set; }

    /// <summary>With <see cref="Tcp.Framing.LengthPrefix"/>: the size of the unsigned length, 1, 2, 4 or 8 bytes; default 4.</summary>
    public int LengthPrefixBytes { get; set; } = 4;

    /// <summary>With <see cref="Tcp.Framing.LengthPrefix"/>: the byte order of the length; default <see cref="Endianness.Big"/>.</summary>
    public Endianness LengthPrefixEndian { get; set; } = Endianness.Big;

    /// <summary>With <see cref="Tcp.Framing.LengthPrefix"/>: whether the length counts the prefix's own bytes too; default false.</summary>
    public bool LengthPrefixIncludesSelf { get; set; }

    public virtual IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Framing))
        {
            yield return new ValidationResult($"'{Framing}' is not a framing; use NewLine, Delimiter, LengthPrefix or OctetCounting.", [nameof(Framing)]);
        }

        if (Framing == Framing.Delimiter)
        {
            if (!DelimiterEscapes.TryParse(FrameDelimiter, out _, out var error))
            {
                yield return new ValidationResult($"Framing Delimiter needs a FrameDelimiter; this one {error}", [nameof(FrameDelimiter)]);
            }
        }
        else if (FrameDelimiter is not null)
        {
            yield return new ValidationResult(
                $"FrameDelimiter only applies to Framing Delimiter, and Framing is {Framing}. Set Framing to Delimiter, or remove FrameDelimiter.",
                [nameof(FrameDelimiter)]);
        }

        if (LengthPrefixBytes is not (1 or 2 or 4 or 8))
        {
            yield return new ValidationResult($"{LengthPrefixBytes} is not a length prefix size; use 1, 2, 4 or 8 (bytes).", [nameof(LengthPrefixBytes)]);
        }

        if (!Enum.IsDefined(LengthPrefixEndian))
        {
            yield return new ValidationResult($"'{LengthPrefixEndian}' is not a byte order; use Big or Little.", [nameof(LengthPrefixEndian)]);
        }
    }

    /// <summary>The delimiter bytes, for <see cref="Tcp.Framing.Delimiter"/>; throws <see cref="ArgumentException"/> when invalid.</summary>
    internal byte[] DelimiterBytes() =>
        DelimiterEscapes.TryParse(FrameDelimiter, out var bytes, out var error) ? bytes : throw new ArgumentException($"{nameof(FrameDelimiter)} {error}");
}
