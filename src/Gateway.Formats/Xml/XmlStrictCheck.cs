using System.Xml;
using Gateway.Core.Formats;

namespace Gateway.Formats.Xml;

/// <summary>
/// With <c>Strict</c> on, turns the XML -> JSON cases that would lose information into errors as the tree is built:
/// same-name siblings interleaved with other names (their order), text split around child elements (its positions),
/// and comments or processing instructions (dropped). Keeps one frame per open element; sets are reused by depth.
/// </summary>
internal sealed class XmlStrictCheck(XmlJsonNames names)
{
    private readonly List<Frame> _frames = [];
    private readonly List<HashSet<string>> _seen = [];

    /// <summary>Forgets all open elements, before the next record or document.</summary>
    public void Reset() => _frames.Clear();

    /// <summary>The reader is on a child element start tag of the innermost open element (or on the root).</summary>
    public void Child(XmlReader reader)
    {
        if (_frames.Count == 0)
        {
            return;
        }

        var frame = _frames[^1];
        var key = names.Element(reader.Name).Decoded;
        var seen = _seen[_frames.Count - 1];
        if (frame.LastChild != key && !seen.Add(key))
        {
            throw new FormatReadException(
                $"Strict: element '{reader.Name}' appears again after a sibling of another name ('{frame.LastChild}'); JSON groups same-name siblings into one array, so their order would be lost. Keep same-name siblings together, or turn Strict off.",
                XmlReadErrors.Location(reader));
        }

        frame.LastChild = key;
        frame.ChildAfterText |= frame.HasText;
        _frames[^1] = frame;
    }

    /// <summary>The element the reader was on has content: its children and text follow.</summary>
    public void Open(string name)
    {
        if (_seen.Count == _frames.Count)
        {
            _seen.Add(new HashSet<string>(StringComparer.Ordinal));
        }

        _seen[_frames.Count].Clear();
        _frames.Add(new Frame { Name = name });
    }

    /// <summary>The innermost open element ended.</summary>
    public void Close() => _frames.RemoveAt(_frames.Count - 1);

    /// <summary>Text (or CDATA) of the innermost open element was read; <paramref name="location"/> is where it began.</summary>
    public void Text(string location, bool isWhitespace)
    {
        // Whitespace-only text beside child elements is indentation; it is dropped by design, not by accident.
        if (isWhitespace || _frames.Count == 0)
        {
            return;
        }

        var frame = _frames[^1];
        if (frame.ChildAfterText)
        {
            throw new FormatReadException(
                $"Strict: element '{frame.Name}' has text on both sides of a child element (mixed content); JSON joins its text into one #text, so the text positions would be lost. Turn Strict off to accept that.",
                location);
        }

        frame.HasText = true;
        _frames[^1] = frame;
    }

    /// <summary>Throws when the reader is on a comment or processing instruction, which JSON cannot hold.</summary>
    public static void NotDropped(XmlReader reader)
    {
        var what = reader.NodeType switch
        {
            XmlNodeType.Comment => "a comment",
            XmlNodeType.ProcessingInstruction => $"the processing instruction '{reader.Name}'",
            _ => null,
        };
        if (what is not null)
        {
            throw new FormatReadException(
                $"Strict: {what} would be dropped, as JSON has no place for comments or processing instructions. Remove it, or turn Strict off.",
                XmlReadErrors.Location(reader));
        }
    }

    private struct Frame
    {
        public string Name;
        public string? LastChild;
        public bool HasText;
        public bool ChildAfterText;
    }
}
