using System.Text.Encodings.Web;
using System.Text.Json;
using Gateway.Core.Formats;

namespace Gateway.Formats.Csv;

/// <summary>
/// Turns dotted header names (<c>address.city</c>, <c>tags.0</c>) into the steps that write nested JSON: a name's
/// segments are object keys, and a group whose keys are exactly <c>0</c> to <c>n-1</c> becomes an array in index
/// order. Nesting follows the order in which names first appear. A name that is both a value and a container
/// (<c>a</c> and <c>a.b</c>) is an error.
/// </summary>
internal static class CsvUnflattener
{
    /// <summary>The steps for <paramref name="names"/>, inside the record's object.</summary>
    public static List<CsvWriteOp> Plan(IReadOnlyList<string> names, int maxDepth, string location)
    {
        var root = new Node(string.Empty, -1);
        for (var column = 0; column < names.Count; column++)
        {
            Add(root, names, column, maxDepth, location);
        }

        var ops = new List<CsvWriteOp>(names.Count);
        foreach (var child in root.Children!)
        {
            Emit(child, hasName: true, ops);
        }

        return ops;
    }

    /// <summary>The steps of a flat record: one value per column, named by the whole header.</summary>
    public static List<CsvWriteOp> PlanFlat(IReadOnlyList<string> names)
    {
        var ops = new List<CsvWriteOp>(names.Count);
        for (var column = 0; column < names.Count; column++)
        {
            ops.Add(new CsvWriteOp(CsvWriteOpKind.Value, column, Encode(names[column]), HasName: true));
        }

        return ops;
    }

    internal static JsonEncodedText Encode(string name) => JsonEncodedText.Encode(name, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

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

    private static void Emit(Node node, bool hasName, List<CsvWriteOp> ops)
    {
        var name = hasName ? Encode(node.Name) : default;
        if (node.Column >= 0)
        {
            ops.Add(new CsvWriteOp(CsvWriteOpKind.Value, node.Column, name, hasName));
            return;
        }

        var items = AsArray(node.Children!);
        ops.Add(new CsvWriteOp(items is null ? CsvWriteOpKind.StartObject : CsvWriteOpKind.StartArray, -1, name, hasName));
        foreach (var child in (IEnumerable<Node>?)items ?? node.Children!)
        {
            Emit(child, hasName: items is null, ops);
        }

        ops.Add(new CsvWriteOp(items is null ? CsvWriteOpKind.EndObject : CsvWriteOpKind.EndArray, -1, default, HasName: false));
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
