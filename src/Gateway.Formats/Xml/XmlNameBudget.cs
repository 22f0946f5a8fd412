using System.Xml;
using Gateway.Core.Formats;

namespace Gateway.Formats.Xml;

/// <summary>
/// The parser's name table, counting as it goes: <c>MaxNames</c> distinct names in a document and, per node,
/// <c>MaxAttributes</c>. Counting here matters because <see cref="XmlReader"/> parses a whole start tag, every attribute
/// of it, before the reader sees the element, and its cost grows faster than linearly with the attributes of one
/// element (200,000 took 8.5 s): the check after the read (<see cref="CheckAttributes"/>) alone would come too late.
/// </summary>
internal sealed class XmlNameBudget : NameTable
{
    // Each attribute atomizes its name, and a namespace declaration also its prefix and URI (up to 5 lookups); the
    // element adds its own name and namespace. The early stop only needs to be generous: the exact count is checked
    // by CheckAttributes once the start tag is read.
    private const int LookupsPerAttribute = 6;
    private const int LookupsPerElement = 16;

    private readonly int _maxNames;
    private readonly int _maxAttributes;
    private readonly long _maxLookupsPerNode;
    private int _names;
    private long _lookupsInNode;
    private XmlReader? _reader;

    public XmlNameBudget(int maxNames, int maxAttributes)
    {
        _maxNames = maxNames;
        _maxAttributes = maxAttributes;
        _maxLookupsPerNode = ((long)LookupsPerAttribute * maxAttributes) + LookupsPerElement;
    }

    /// <summary>
    /// The reader these names are for, to say where a limit was broken. Counting starts when it is set: the names the
    /// reader atomized while it was created (<c>xml</c>, <c>xmlns</c>, ...) are not the document's.
    /// </summary>
    public XmlReader? Reader
    {
        get => _reader;
        set
        {
            _reader = value;
            _names = 0;
            _lookupsInNode = 0;
        }
    }

    /// <summary>Call once per node the reader returns: the per-node count starts again.</summary>
    public void NextNode() => _lookupsInNode = 0;

    /// <summary>Throws when the element the reader is on has more than <c>MaxAttributes</c> attributes.</summary>
    public void CheckAttributes(XmlReader reader)
    {
        if (reader.AttributeCount > _maxAttributes)
        {
            throw TooManyAttributes();
        }
    }

    public override string Add(char[] key, int start, int len)
    {
        Count(Get(key, start, len) is null);
        return base.Add(key, start, len);
    }

    public override string Add(string key)
    {
        Count(Get(key) is null);
        return base.Add(key);
    }

    private void Count(bool isNew)
    {
        if (_reader is null)
        {
            return; // the reader is being created: these names are its own
        }

        if (++_lookupsInNode > _maxLookupsPerNode)
        {
            throw TooManyAttributes();
        }

        if (isNew && ++_names > _maxNames)
        {
            throw new FormatReadException(
                $"The XML document uses more than MaxNames ({_maxNames}) distinct names (element and attribute names, prefixes " +
                "and namespace URIs); raise MaxNames if the input is trusted.",
                XmlReadErrors.Location(Reader));
        }
    }

    private FormatReadException TooManyAttributes() => new(
        $"An XML element has more than MaxAttributes ({_maxAttributes}) attributes (namespace declarations included); " +
        "raise MaxAttributes if the input is trusted.",
        XmlReadErrors.Location(Reader));
}
