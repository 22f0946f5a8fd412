using System.Text;
using System.Text.Json;

namespace Gateway.Formats.Csv;

/// <summary>
/// Writes the text of one cell as the JSON value its column asks for. Typed columns (Number, Boolean, Json) read an
/// empty cell as <c>null</c>; String and inferred columns keep it as <c>""</c>.
/// </summary>
internal static class CsvCellWriter
{
    /// <summary>Writes <paramref name="cell"/>; returns null, or what is wrong with the cell when it does not fit its column.</summary>
    public static string? Write(Utf8JsonWriter writer, ReadOnlySpan<byte> cell, CsvCellKind kind, int maxDepth)
    {
        switch (kind)
        {
            case CsvCellKind.String:
                writer.WriteStringValue(cell);
                return null;
            case CsvCellKind.Inferred:
                WriteInferred(writer, cell);
                return null;
            case CsvCellKind.Number:
                if (cell.IsEmpty)
                {
                    writer.WriteNullValue();
                    return null;
                }

                if (!JsonLiteral.IsNumber(cell))
                {
                    return "is not a JSON number";
                }

                // The literal is written as it is, so 0.10 and 12345678901234567890 keep their exact text.
                writer.WriteRawValue(cell, skipInputValidation: true);
                return null;
            case CsvCellKind.Boolean:
                if (cell.IsEmpty)
                {
                    writer.WriteNullValue();
                }
                else if (Ascii.EqualsIgnoreCase(cell, "true"u8))
                {
                    writer.WriteBooleanValue(true);
                }
                else if (Ascii.EqualsIgnoreCase(cell, "false"u8))
                {
                    writer.WriteBooleanValue(false);
                }
                else
                {
                    return "is not true or false";
                }

                return null;
            default:
                if (cell.IsEmpty)
                {
                    writer.WriteNullValue();
                    return null;
                }

                // The cell's value nests inside the record, so it gets what is left of the depth limit.
                return JsonCellCopier.Copy(cell, writer, Math.Max(1, maxDepth - writer.CurrentDepth));
        }
    }

    private static void WriteInferred(Utf8JsonWriter writer, ReadOnlySpan<byte> cell)
    {
        if (!cell.IsEmpty)
        {
            var first = cell[0];
            if ((first == '-' || (uint)(first - '0') <= 9) && JsonLiteral.IsNumber(cell))
            {
                writer.WriteRawValue(cell, skipInputValidation: true);
                return;
            }

            if (first == 't' && JsonLiteral.IsTrue(cell))
            {
                writer.WriteBooleanValue(true);
                return;
            }

            if (first == 'f' && JsonLiteral.IsFalse(cell))
            {
                writer.WriteBooleanValue(false);
                return;
            }
        }

        writer.WriteStringValue(cell);
    }
}
