using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Gateway.Formats.Xml;

/// <summary>
/// A reusable char buffer that JSON strings, numbers and property names are unescaped into, so the writer can
/// hand text to <c>XmlWriter.WriteChars</c> without allocating a string per value.
/// </summary>
internal sealed class JsonCharBuffer : IDisposable
{
    private char[] _chars = ArrayPool<char>.Shared.Rent(256);

    /// <summary>The chars written by the last Copy call.</summary>
    public char[] Chars => _chars;

    /// <summary>Copies a string value, unescaped; returns its length.</summary>
    public int CopyString(JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        Ensure(raw.Length);
        var reader = new Utf8JsonReader(raw);
        reader.Read();
        return reader.CopyString(_chars);
    }

    /// <summary>Copies the literal text of a number value; returns its length.</summary>
    public int CopyRaw(JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        Ensure(raw.Length);
        return Encoding.UTF8.GetChars(raw, _chars);
    }

    /// <summary>Copies a property name, unescaped; returns its length.</summary>
    public int CopyName(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.IndexOf((byte)'\\') < 0)
        {
            Ensure(raw.Length);
            return Encoding.UTF8.GetChars(raw, _chars);
        }

        var name = property.Name;
        Ensure(name.Length);
        name.CopyTo(_chars);
        return name.Length;
    }

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_chars);
        _chars = [];
    }

    private void Ensure(int length)
    {
        if (_chars.Length < length)
        {
            ArrayPool<char>.Shared.Return(_chars);
            _chars = ArrayPool<char>.Shared.Rent(length);
        }
    }
}
