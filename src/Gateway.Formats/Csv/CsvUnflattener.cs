using System.Text.Encodings.Web;
using System.Text.Json;
using Gateway.Core.Formats;

namespace Gateway.Formats.Csv;

/// <summary>
/// Turns header names into the steps that write a row as JSON. With Unflatten, dotted names (<c>address.city</c>,
/// <c>tags.0</c>) nest: a name's segments are object keys, and a group whose keys are exactly <c>0</c> to
/// <c>n-1</c> becomes an array in index order. Nesting follows the order in which names first appear. A name that
/// is both a value and a container (<c>a</c> and <c>a.b</c>) is an error.
/// </summary>
internal static class CsvUnflattener
{
    /// <summary>
    /// The steps for <paramref name="names"/>, and the JSON that closes the record after the last value. The quotes
    /// around the values of String columns are part of the steps, so a string cell is written as its text alone.
    /// </summary>
    public static (List<CsvWriteOp> Ops, byte[] Tail) Plan(IReadOnlyList<string> names, CsvCellKind[] kinds, bool unflatten, int maxDepth, string location)
    {
        var root = new Node(string.Empty, -1);
        for (var column = 0; column < names.Count; column++)
        {
            if (unflatten)
            {
                Add(root, names, column, maxDepth, location);
            }
            else
            {
                root.Children!.Add(new Node(names[column], column));
            }
        }

        var ops = new List<CsvWriteOp>(names.Count);
        var pending = new List<byte> { (byte)'{' };
        for (var i = 0; i < root.Children!.Count; i++)
        {
            Emit(root.Children[i], first: i == 0, inObject: true, depth: 1, kinds, pending, ops);
        }

        pending.Add((byte)'}');
        return (ops, [.. pending]);
    }

    private static void Add(Node root, IReadOnlyList<string> names, int column, int maxDepth, string location)
    {
        var name = names[column];
        var segments = name.Split('.');
        if (segments.Length > maxDepth)
        {
            throw new FormatReadException(
                $"The header '{name}' (column {column + 1}) nests {segments.Length} levels deep, more than MaxDepth ({maxDepth}).", location);
        }

        var node = root;
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            node.ByName!.TryGetValue(segments[i], out var existing);
            if (existing is not null && (last || existing.Column >= 0))
            {
                // Either this name ends where another goes deeper, or it goes deeper where another ends.
                var other = existing.Column >= 0 ? existing.Column : existing.FirstColumn;
                var prefix = string.Join('.', segments, 0, i + 1);
                throw new FormatReadException(
                    $"With Unflatten, the headers '{names[other]}' (column {other + 1}) and '{name}' (column {column + 1}) conflict: " +
                    $"'{prefix}' cannot be both a value and an object. Rename one of them or turn Unflatten off.",
                    location);
            }

            if (existing is null)
            {
                existing = new Node(segments[i], last ? column : -1) { FirstColumn = column };
                node.Children!.Add(existing);
                node.ByName.Add(segments[i], existing);
            }

            node = existing;
        }
    }

    private static void Emit(Node node, bool first, bool inObject, int depth, CsvCellKind[] kinds, List<byte> pending, List<CsvWriteOp> ops)
    {
        if (!first)
        {
            pending.Add((byte)',');
        }

        if (inObject)
        {
            pending.Add((byte)'"');
            pending.AddRange(JsonEncodedText.Encode(node.Name, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes);
            pending.Add((byte)'"');
            pending.Add((byte)':');
        }

        if (node.Column >= 0)
        {
            var kind = kinds[node.Column];
            if (kind == CsvCellKind.String)
            {
                pending.Add((byte)'"');
            }

            ops.Add(new CsvWriteOp([.. pending], node.Column, depth, kind));
            pending.Clear();
            if (kind == CsvCellKind.String)
            {
                pending.Add((byte)'"');
            }

            return;
        }

        var items = AsArray(node.Children!);
        pending.Add(items is null ? (byte)'{' : (byte)'[');
        var children = (IReadOnlyList<Node>?)items ?? node.Children!;
        for (var i = 0; i < children.Count; i++)
        {
            Emit(children[i], first: i == 0, inObject: items is null, depth + 1, kinds, pending, ops);
        }

        pending.Add(items is null ? (byte)'}' : (byte)']');
    }

    /// <summary>The children in index order when their names are exactly 0 to n-1 (no gaps, no leading zeros); else null.</summary>
    private static Node[]? AsArray(List<Node> children)
    {
        var items = new Node[children.Count];
        foreach (var child in children)
        {
            if (!TryParseIndex(child.Name, out var index) || index >= items.Length || items[index] is not null)
            {
                return null;
            }

            items[index] = child;
        }

        return items;
    }

    private static bool TryParseIndex(string name, out int index)
    {
        index = 0;
        if (name.Length == 0 || name.Length > 9 || (name[0] == '0' && name.Length > 1))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            index = (index * 10) + (c - '0');
        }

        return true;
    }

    private sealed class Node(string name, int column)
    {
        public string Name { get; } = name;

        /// <summary>The column of a value; -1 for a container.</summary>
        public int Column { get; } = column;

        /// <summary>The first column under a container, for error messages.</summary>
        public int FirstColumn { get; init; }

        public List<Node>? Children { get; } = column < 0 ? [] : null;

        public Dictionary<string, Node>? ByName { get; } = column < 0 ? new(StringComparer.Ordinal) : null;
    }
}
