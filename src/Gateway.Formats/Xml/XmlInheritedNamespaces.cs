using System.Xml;

namespace Gateway.Formats.Xml;

/// <summary>
/// With a record element, the namespace declarations that records inherit from elements outside them. A record
/// that uses a prefix (or the default namespace) declared on an ancestor gets that declaration as an
/// <c>@xmlns</c>/<c>@xmlns:p</c> property, so the record alone still says what its names mean.
/// </summary>
internal sealed class XmlInheritedNamespaces
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    private readonly List<(int Depth, string Prefix, string Uri)> _ancestors = [];
    private readonly List<(int Depth, string Prefix)> _local = [];
    private readonly List<KeyValuePair<string, string>> _needed = [];

    /// <summary>True when no element outside the records declares a namespace (nothing to track).</summary>
    public bool IsEmpty => _ancestors.Count == 0;

    /// <summary>Declarations the current record needs from its ancestors, in order of first use.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Needed => _needed;

    /// <summary>
    /// Called for every element outside a record, record elements included, before anything else: forgets the
    /// declarations of elements that have ended (those at the same depth or deeper).
    /// </summary>
    public void LeaveTo(int depth)
    {
        while (_ancestors.Count > 0 && _ancestors[^1].Depth >= depth)
        {
            _ancestors.RemoveAt(_ancestors.Count - 1);
        }
    }

    /// <summary>Records the declarations of an element outside any record (the reader is on the element).</summary>
    public void EnterOutside(XmlReader reader)
    {
        if (!reader.HasAttributes)
        {
            return;
        }

        var depth = reader.Depth;
        while (reader.MoveToNextAttribute())
        {
            if (IsDeclaration(reader.NamespaceURI))
            {
                _ancestors.Add((depth, DeclaredPrefix(reader), reader.Value));
            }
        }

        reader.MoveToElement();
    }

    /// <summary>Starts a record: forgets the declarations and uses of the previous one.</summary>
    public void BeginRecord()
    {
        _local.Clear();
        _needed.Clear();
    }

    /// <summary>Leaves the scopes of earlier siblings: called for each element of the record before its declarations.</summary>
    public void EnterRecordElement(int depth)
    {
        while (_local.Count > 0 && _local[^1].Depth >= depth)
        {
            _local.RemoveAt(_local.Count - 1);
        }
    }

    /// <summary>A declaration made inside the record.</summary>
    public void Declare(int depth, string prefix) => _local.Add((depth, prefix));

    /// <summary>A prefix (<c>""</c> for the default namespace) used by a name inside the record.</summary>
    public void Use(string prefix)
    {
        if (prefix is "xml" or "xmlns")
        {
            return;
        }

        foreach (var (_, declared) in _local)
        {
            if (declared == prefix)
            {
                return;
            }
        }

        foreach (var needed in _needed)
        {
            if (needed.Key == prefix)
            {
                return;
            }
        }

        for (var i = _ancestors.Count - 1; i >= 0; i--)
        {
            if (_ancestors[i].Prefix == prefix)
            {
                // xmlns="" on an ancestor undeclares the default namespace: nothing to carry.
                if (_ancestors[i].Uri.Length > 0)
                {
                    _needed.Add(new(prefix, _ancestors[i].Uri));
                }

                return;
            }
        }
    }

    /// <summary>True for the namespace URI of <c>xmlns</c> attributes.</summary>
    public static bool IsDeclaration(string namespaceUri) => namespaceUri == XmlnsNamespace;

    /// <summary>The prefix a declaration attribute declares (<c>""</c> for <c>xmlns</c>).</summary>
    public static string DeclaredPrefix(XmlReader reader) => reader.Prefix.Length == 0 ? string.Empty : reader.LocalName;
}
