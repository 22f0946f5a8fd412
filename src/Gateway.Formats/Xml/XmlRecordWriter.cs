using System.Text;
using System.Text.Json;
using System.Xml;
using Gateway.Core.Formats;

namespace Gateway.Formats.Xml;

/// <summary>
/// Writes canonical JSON records as XML with the Gateway XML convention. A single record that is a one-property
/// object whose value is not an array names the root (<c>{"a":{...}}</c> is <c>&lt;a&gt;...&lt;/a&gt;</c>); any
/// other single record is wrapped in <c>RootElement</c>. A sequence is <c>RootElement</c> holding one
/// <c>ItemElement</c> per record. Output is UTF-8 without a BOM or XML declaration, indented when <c>Pretty</c>.
/// </summary>
internal sealed class XmlRecordWriter : IRecordWriter
{
    private readonly XmlWriter _xml;
    private readonly XmlElementWriter _elements;
    private readonly FormatOptions _options;
    private readonly JsonDocumentOptions _documentOptions;
    private byte[] _record = new byte[4096];
    private bool _begun;
    private bool _sequence;
    private long _records;

    public XmlRecordWriter(Stream output, FormatOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _xml = XmlWriter.Create(output, new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            OmitXmlDeclaration = true,
            Indent = options.Pretty,
            IndentChars = "  ",
            NewLineChars = "\n",

            // Carriage returns and tabs in attributes survive a round trip only as character references.
            NewLineHandling = NewLineHandling.Entitize,
            CloseOutput = false,
        });
        _elements = new XmlElementWriter(_xml, options.ItemElement);

        // Arrays map to repeated elements, not to nesting, so a record's JSON may nest about twice as deep as its XML.
        _documentOptions = new JsonDocumentOptions { MaxDepth = (2 * options.MaxDepth) + 2 };
    }

    public void Begin(bool isSequence)
    {
        if (_begun)
        {
            throw new InvalidOperationException("Begin was already called.");
        }

        _begun = true;
        _sequence = isSequence;
        _elements.IsSequence = isSequence;
        if (isSequence)
        {
            try
            {
                _elements.WriteStartElement(_options.RootElement);
            }
            catch (Exception ex) when (IsRejectedByXmlWriter(ex))
            {
                throw Rejected(ex);
            }
        }
    }

    public void Write(ReadOnlySpan<byte> record)
    {
        if (!_begun)
        {
            throw new InvalidOperationException("Call Begin before Write.");
        }

        _records++;
        _elements.Record = _records;
        if (!_sequence && _records > 1)
        {
            throw new InvalidOperationException("A single XML document holds one record; begin a sequence for more (one item element per record).");
        }

        if (_record.Length < record.Length)
        {
            _record = new byte[Math.Max(record.Length, _record.Length * 2)];
        }

        record.CopyTo(_record);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(_record.AsMemory(0, record.Length), _documentOptions);
        }
        catch (JsonException ex)
        {
            throw new FormatReadException($"The record is not valid JSON: {ex.Message}", $"record {_records}", ex);
        }

        using (document)
        {
            try
            {
                WriteRecord(document.RootElement);
            }
            catch (Exception ex) when (IsRejectedByXmlWriter(ex))
            {
                throw Rejected(ex);
            }
        }
    }

    public void Complete()
    {
        if (!_begun)
        {
            Begin(isSequence: false);
        }

        try
        {
            if (_sequence)
            {
                _xml.WriteEndElement();
            }
            else if (_records == 0)
            {
                // A document needs a root even when there is nothing to put in it.
                _elements.WriteStartElement(_options.RootElement);
                _xml.WriteEndElement();
            }
        }
        catch (Exception ex) when (IsRejectedByXmlWriter(ex))
        {
            throw Rejected(ex);
        }

        _xml.Flush();
    }

    public void Dispose()
    {
        try
        {
            // Disposing closes any elements left open by a write that failed; closing them can fail for the same reason.
            _xml.Dispose();
        }
        catch (Exception ex) when (IsRejectedByXmlWriter(ex))
        {
            // The failed write was already reported to the caller; Dispose must not replace that error.
        }
        finally
        {
            _elements.Dispose();
        }
    }

    private void WriteRecord(JsonElement record)
    {
        _elements.Reset();
        if (_sequence)
        {
            _elements.WriteItem(record);
        }
        else if (NamesRoot(record, out var property))
        {
            _elements.PushPath(property.Name);
            _elements.WriteElement(property.Name, property.Value);
        }
        else
        {
            _elements.WriteElement(_options.RootElement, record);
        }
    }

    /// <summary>A one-property object whose key is an element name (not <c>@...</c> or <c>#text</c>) and whose value is not an array.</summary>
    private static bool NamesRoot(JsonElement record, out JsonProperty property)
    {
        property = default;
        if (record.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var count = 0;
        foreach (var candidate in record.EnumerateObject())
        {
            if (++count > 1)
            {
                return false;
            }

            property = candidate;
        }

        return count == 1
            && property.Value.ValueKind != JsonValueKind.Array
            && !property.Name.StartsWith('@')
            && property.Name != "#text";
    }

    /// <summary>What XmlWriter throws for content XML cannot hold: invalid characters, duplicate attributes, bad declarations.</summary>
    private static bool IsRejectedByXmlWriter(Exception exception) =>
        exception is XmlException or ArgumentException or InvalidOperationException;

    private FormatReadException Rejected(Exception exception) =>
        new($"Cannot write the record as XML: {exception.Message}", _elements.Location, exception);
}
