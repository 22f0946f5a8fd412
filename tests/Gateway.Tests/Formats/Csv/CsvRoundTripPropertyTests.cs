using System.Text;
using System.Text.Json;
using CsCheck;
using Gateway.Core.Formats;
using static Gateway.Tests.Formats.Csv.CsvTest;

namespace Gateway.Tests.Formats.Csv;

/// <summary>Generated tables and objects survive CSV -> JSON -> CSV and JSON -> CSV -> JSON unchanged.</summary>
public class CsvRoundTripPropertyTests
{
    /// <summary>Pieces of cells: everything CSV must quote or keep, non-ASCII text and characters formulas start with.</summary>
    private static readonly string[] Atoms =
        ["a", "Z", "0", "1.5", " ", "\"", ",", ";", "\t", "|", ":", "\r", "\n", "\r\n", "é", "ʤ", "€", "😀", "'", "=", "-", "x y", "\u0001", "."];

    private static readonly Gen<string> Cell = Gen.Int[0, 5].SelectMany(n => Gen.OneOf(Atoms).Array[n]).Select(string.Concat);

    private static readonly Gen<string> Delimiter = Gen.OneOf(",", ";", "\t", "|", "||", "§", " :: ");

    private static readonly Gen<string> NewLine = Gen.OneOf("\r\n", "\n");

    /// <summary>A header of unique names and rows of the same width.</summary>
    private static readonly Gen<(string[] Header, string[][] Rows)> Table =
        Gen.Int[1, 6].SelectMany(columns => Gen.Select(Cell.Array[columns], Cell.Array[columns].Array[0, 8]))
            .Select(table => (Unique(table.Item1), table.Item2));

    [Fact]
    public void Csv_to_json_to_csv_gives_the_same_table()
    {
        Gen.Select(Table, Delimiter, NewLine, Gen.Bool, Gen.Bool).Sample(
            sample =>
            {
                var (table, delimiter, newLine, quoteAll, finalBreak) = sample;
                var options = new FormatOptions { Delimiter = delimiter, NewLine = newLine };
                var csv = Encode(table.Header, table.Rows, delimiter, newLine, quoteAll, finalBreak);

                var records = Read(csv, options);
                Assert.Equal(table.Rows.Length, records.Count);
                for (var i = 0; i < records.Count; i++)
                {
                    Assert.Equal(table.Header.Zip(table.Rows[i]).ToList(), Pairs(records[i]));
                }

                // The writer's CSV reads back to the same records, and writing those again gives the same bytes.
                var written = Write(options, [.. records]);
                Assert.Equal(records, Read(written, options));
                Assert.Equal(written, Write(options, [.. Read(written, options)]));
            },
            iter: 1000);
    }

    [Fact]
    public void Json_objects_of_strings_to_csv_to_json_give_the_same_objects()
    {
        var objects = Gen.Int[1, 6].SelectMany(keys => Gen.Select(Cell.Array[keys], Cell.Array[keys].Array[1, 6], Gen.Int[0, 5].Array[6]));
        Gen.Select(objects, Delimiter, NewLine).Sample(
            sample =>
            {
                var ((keys, rows, rotations), delimiter, newLine) = sample;
                var names = Unique(keys);
                var options = new FormatOptions { Delimiter = delimiter, NewLine = newLine };

                // Each record lists its keys in another order; the header order comes from the first one.
                var records = rows.Select((row, r) => ToJson(names.Zip(row).ToList(), rotations[r] % names.Length)).ToArray();
                var back = Read(Write(options, records), options);

                Assert.Equal(records.Length, back.Count);
                for (var i = 0; i < records.Length; i++)
                {
                    Assert.Equal(Pairs(records[i]).ToHashSet(), Pairs(back[i]).ToHashSet());
                }
            },
            iter: 1000);
    }

    private static string[] Unique(string[] names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = new string[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            while (!seen.Add(name))
            {
                name += "#" + i;
            }

            unique[i] = name;
        }

        return unique;
    }

    /// <summary>An RFC 4180 encoder independent of the one under test: it quotes more than it must, or everything.</summary>
    private static string Encode(string[] header, string[][] rows, string delimiter, string newLine, bool quoteAll, bool finalBreak)
    {
        var lines = new[] { header }.Concat(rows).Select(fields => string.Join(delimiter, fields.Select(field =>
            quoteAll || field.Length == 0 && fields.Length == 1 || field.AsSpan().IndexOfAny([.. delimiter, '"', '\r', '\n']) >= 0
                ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
                : field)));
        return string.Join(newLine, lines) + (finalBreak ? newLine : string.Empty);
    }

    private static List<(string, string)> Pairs(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetString()!))];
    }

    private static string ToJson(List<(string Key, string Value)> pairs, int rotation)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in pairs.Skip(rotation).Concat(pairs.Take(rotation)))
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
