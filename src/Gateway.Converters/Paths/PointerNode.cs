using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text.Json;
using Gateway.Core.Json;

namespace Gateway.Converters.Paths;

/// <summary>
/// A tree of JSON Pointers merged by their common prefixes: <c>/a/b</c> and <c>/a/c</c> share the node <c>/a</c>.
/// A node may carry a value (what the step does at that path). Steps walk a record and this tree side by side, so a
/// record is visited once whatever the number of paths, and subtrees without rules are copied as they are.
/// </summary>
internal sealed class PointerNode<T>
{
    // Few children: a linear scan comparing UTF-8 names in place is cheaper than materializing each property name.
    private const int LinearScanLimit = 8;

    private readonly List<PointerNode<T>> _children = [];
    private Dictionary<string, PointerNode<T>>? _byToken;
    private Dictionary<int, PointerNode<T>>? _byIndex;

    public PointerNode()
        : this(string.Empty, string.Empty, 0)
    {
    }

    private PointerNode(string token, string path, int ordinal)
    {
        Token = token;
        Path = path;
        Ordinal = ordinal;
    }

    /// <summary>The unescaped reference token of this node (empty for the root).</summary>
    public string Token { get; }

    /// <summary>The JSON Pointer of this node, escaped, for error messages.</summary>
    public string Path { get; }

    /// <summary>The position of this node among its parent's children.</summary>
    public int Ordinal { get; }

    public bool HasValue { get; private set; }

    public T? Value { get; private set; }

    public IReadOnlyList<PointerNode<T>> Children => _children;

    public bool HasChildren => _children.Count > 0;

    /// <summary>Returns the node at <paramref name="pointer"/>, creating the missing nodes on the way.</summary>
    public PointerNode<T> Descend(JsonPointer pointer)
    {
        var node = this;
        foreach (var token in pointer.Tokens)
        {
            node = node.GetOrAdd(token);
        }

        return node;
    }

    /// <summary>Returns the child for <paramref name="token"/>, creating it when missing.</summary>
    public PointerNode<T> GetOrAdd(string token)
    {
        if (TryGetChild(token, out var existing))
        {
            return existing;
        }

        var child = new PointerNode<T>(token, $"{Path}/{JsonPointer.Escape(token)}", _children.Count);
        _children.Add(child);
        (_byToken ??= new(StringComparer.Ordinal))[token] = child;
        if (JsonPointer.TryGetArrayIndex(token, out var index))
        {
            (_byIndex ??= [])[index] = child;
        }

        return child;
    }

    public void SetValue(T value)
    {
        Value = value;
        HasValue = true;
    }

    /// <summary>Forgets the children (a value here covers everything below it).</summary>
    public void ClearChildren()
    {
        _children.Clear();
        _byToken = null;
        _byIndex = null;
    }

    public bool TryGetChild(string token, [NotNullWhen(true)] out PointerNode<T>? child)
    {
        child = null;
        return _byToken is not null && _byToken.TryGetValue(token, out child);
    }

    /// <summary>Finds the child for an object member, without allocating its name when there are few children.</summary>
    public bool TryGetChild(JsonProperty property, [NotNullWhen(true)] out PointerNode<T>? child)
    {
        if (_children.Count == 0)
        {
            child = null;
            return false;
        }

        if (_children.Count <= LinearScanLimit)
        {
            foreach (var candidate in CollectionsMarshal.AsSpan(_children))
            {
                if (property.NameEquals(candidate.Token))
                {
                    child = candidate;
                    return true;
                }
            }

            child = null;
            return false;
        }

        return TryGetChild(property.Name, out child);
    }

    /// <summary>Finds the child for an array element.</summary>
    public bool TryGetChild(int index, [NotNullWhen(true)] out PointerNode<T>? child)
    {
        child = null;
        return _byIndex is not null && _byIndex.TryGetValue(index, out child);
    }
}
