namespace Gateway.Formats.Xml;

/// <summary>
/// The namespace declarations in scope while writing (XmlWriter can look up a prefix for a namespace but not a
/// namespace for a prefix). Each element pushes its <c>@xmlns</c> declarations and pops them when it ends.
/// </summary>
internal sealed class XmlNamespaceScope
{
    /// <summary>The namespace bound to the <c>xml</c> prefix.</summary>
    public const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    /// <summary>The namespace of <c>xmlns</c> declaration attributes.</summary>
    public const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    private readonly List<KeyValuePair<string, string>> _bindings = [];

    /// <summary>The current depth of the stack, to pass to <see cref="Restore"/>.</summary>
    public int Mark => _bindings.Count;

    public void Clear() => _bindings.Clear();

    public void Declare(string prefix, string uri) => _bindings.Add(new(prefix, uri));

    public void Restore(int mark) => _bindings.RemoveRange(mark, _bindings.Count - mark);

    /// <summary>The namespace bound to <paramref name="prefix"/> (<c>""</c>: the default namespace), or null.</summary>
    public string? Lookup(string prefix)
    {
        if (prefix == "xml")
        {
            return XmlNamespace;
        }

        for (var i = _bindings.Count - 1; i >= 0; i--)
        {
            if (_bindings[i].Key == prefix)
            {
                return _bindings[i].Value;
            }
        }

        return prefix.Length == 0 ? string.Empty : null;
    }
}
