namespace Gateway.Formats.Xml;

/// <summary>
/// The <c>ArrayPaths</c> option as a tree of element names, walked alongside the document so that each element
/// learns in constant time whether its path must always be an array.
/// </summary>
internal sealed class XmlArrayPathNode
{
    private Dictionary<string, XmlArrayPathNode>? _children;

    /// <summary>True when the path that ends here is listed in <c>ArrayPaths</c>.</summary>
    public bool IsArray { get; private set; }

    /// <summary>Builds the tree from slash-separated paths (<c>order/line</c>); empty segments are ignored.</summary>
    public static XmlArrayPathNode Build(IEnumerable<string>? paths)
    {
        var root = new XmlArrayPathNode();
        foreach (var path in paths ?? [])
        {
            var node = root;
            foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                node._children ??= new Dictionary<string, XmlArrayPathNode>(StringComparer.Ordinal);
                if (!node._children.TryGetValue(segment, out var child))
                {
                    child = new XmlArrayPathNode();
                    node._children.Add(segment, child);
                }

                node = child;
            }

            node.IsArray |= node != root;
        }

        return root;
    }

    /// <summary>The node of the child element <paramref name="name"/>, or null when no listed path goes there.</summary>
    public XmlArrayPathNode? Child(string name) =>
        _children is not null && _children.TryGetValue(name, out var child) ? child : null;
}
