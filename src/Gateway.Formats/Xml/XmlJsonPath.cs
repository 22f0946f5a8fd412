using System.Text;

namespace Gateway.Formats.Xml;

/// <summary>
/// The JSON path of the value being written, kept as a cheap stack of segments and formatted (<c>$.order.line[2]</c>)
/// only when an error needs it.
/// </summary>
internal sealed class XmlJsonPath
{
    private readonly List<(string? Name, int Index)> _segments = [];

    public void Clear() => _segments.Clear();

    public void Push(string name) => _segments.Add((name, -1));

    public void Push(int index) => _segments.Add((null, index));

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    public override string ToString()
    {
        var text = new StringBuilder("$");
        foreach (var (name, index) in _segments)
        {
            if (name is null)
            {
                text.Append('[').Append(index).Append(']');
            }
            else if (IsPlain(name))
            {
                text.Append('.').Append(name);
            }
            else
            {
                text.Append("['").Append(name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
            }
        }

        return text.ToString();
    }

    private static bool IsPlain(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '@' or '#' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
