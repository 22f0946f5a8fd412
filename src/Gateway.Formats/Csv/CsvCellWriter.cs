using System.Text;

namespace Gateway.Formats.Csv;

/// <summary>
/// Writes the text of one cell as the JSON value its column asks for. Typed columns (Number, Boolean) read an empty
/// cell as <c>null</c>; String and inferred columns keep it as <c>""</c>. Json columns are written by the reader,
/// which hands them to a <see cref="System.Text.Json.Utf8JsonWriter"/>.
/// </summary>
internal static class CsvCellWriter
{
    /// <summary>Writes <paramref name="cell"/>; returns null, or what is wrong with the cell when it does not fit its column.</summary>
    public static string? Write(ref JsonRowWriter row, ReadOnlySpan<byte> cell, CsvCellKind kind, bool mayNeedEscaping)
    {
        switch (kind)
        {
            case CsvCellKind.Inferred:
                WriteInferred(ref row, cell, mayNeedEscaping);
                return null;
            case CsvCellKind.Number:
                if (cell.IsEmpty)
                {
                    row.Raw("null"u8);
                    return null;
                }

                if (!JsonLiteral.IsNumber(cell))
                {
                    return "is not a JSON number";
                }

                // The literal is written as it is, so 0.10 and 12345678901234567890 keep their exact text.
                row.Raw(cell);
                return null;
            case CsvCellKind.Boolean:
                if (cell.IsEmpty)
                {
                    row.Raw("null"u8);
                }
                else if (Ascii.EqualsIgnoreCase(cell, "true"u8))
                {
                    row.Raw("true"u8);
                }
                else if (Ascii.EqualsIgnoreCase(cell, "false"u8))
                {
                    row.Raw("false"u8);
                }
                else
                {
                    return "is not true or false";
                }

                return null;
            default:
                row.String(cell, mayNeedEscaping);
                return null;
        }
    }

    private static void WriteInferred(ref JsonRowWriter row, ReadOnlySpan<byte> cell, bool mayNeedEscaping)
    {
        if (!cell.IsEmpty)
        {
            var first = cell[0];
            if ((first == '-' || (uint)(first - '0') <= 9) && JsonLiteral.IsNumber(cell))
            {
                row.Raw(cell);
                return;
            }

            if ((first == 't' && JsonLiteral.IsTrue(cell)) || (first == 'f' && JsonLiteral.IsFalse(cell)))
            {
                row.Raw(cell);
                return;
            }
        }

        row.String(cell, mayNeedEscaping);
    }
}
