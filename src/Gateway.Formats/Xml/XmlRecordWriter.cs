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
/// <remarks>
/// Records are written straight to UTF-8 by <see cref="XmlDirectWriter"/>; a record it does not cover (namespaces,
/// the <c>xml</c> prefix, an attribute after content, anything XML cannot hold) is written by
/// <see cref="XmlElementWriter"/> through <c>XmlWriter</c>, as every record was before, so the bytes and the errors
/// are the same either way. The property tests compare the two paths on generated records.
/// </remarks>
internal sealed class XmlRecordWriter : IRecordWriter
{
    // Output is handed to the stream in chunks of about this size, between records.
    private const int FlushThreshold = 64 * 1024;

    private readonly Stream _stream;
    private readonly FormatOptions _options;
    private readonly XmlWriterSettings _settings;
    private readonly XmlElementWriter _elements;
    private readonly JsonDocumentOptions _documentOptions;
    private readonly XmlUtf8Output _output;
    private readonly XmlDirectWriter? _direct;
    private readonly byte[]? _rootName;
    private readonly byte[]? _itemName;
    private readonly MemoryStream _fallback = new();
    private byte[] _record = new byte[4096];
    private byte[] _sequenceRoot = [];
    private bool _begun;
    private bool _sequence;
    private long _records;

    public XmlRecordWriter(Stream output, FormatOptions options)
        : this(output, options, direct: true)
    {
    }

    /// <summary>With <paramref name="direct"/> false every record goes through XmlWriter (the reference the tests compare with).</summary>
    internal XmlRecordWriter(Stream output, FormatOptions options, bool direct)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        _stream = output;
        _options = options;
        _settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            OmitXmlDeclaration = true,
            Indent = options.Pretty,
            IndentChars = "  ",
            NewLineChars = "\n",

            // Carriage returns and tabs in attributes survive a round trip only as character references.
            NewLineHandling = NewLineHandling.Entitize,
            CloseOutput = false,
        };
        _elements = new XmlElementWriter(options.ItemElement);
        _output = new XmlUtf8Output(options.Pretty);

        // Arrays map to repeated elements, not to nesting, so a record's JSON may nest about twice as deep as its XML.
        var maxDepth = (2 * options.MaxDepth) + 2;
        _documentOptions = new JsonDocumentOptions { MaxDepth = maxDepth };
        _rootName = XmlDirectNames.ElementName(options.RootElement);
        _itemName = XmlDirectNames.ElementName(options.ItemElement);
        if (direct && _rootName is not null && _itemName is not null)
        {
            _direct = new XmlDirectWriter(_output, _itemName, maxDepth);
        }
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
            _sequenceRoot = RootStartTag();
            _output.StartElement(_sequenceRoot);
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

        var written = _direct is not null && (_sequence
            ? _direct.TryWriteElement(record, _itemName!)
            : _direct.TryWriteDocument(record, _rootName!));
        if (!written)
        {
            WriteWithXmlWriter(record);
        }

        if (_output.Length >= FlushThreshold)
        {
            FlushOutput();
        }
    }

    public void Complete()
    {
        if (!_begun)
        {
            Begin(isSequence: false);
        }

        if (_sequence)
        {
            _output.EndElement(_sequenceRoot);
        }
        else if (_records == 0)
        {
            // A document needs a root even when there is nothing to put in it.
            var root = RootStartTag();
            _output.StartElement(root);
            _output.EndElement(root);
        }

        FlushOutput();
        _stream.Flush();
    }

    public void Dispose()
    {
        // Output of a conversion that failed stays unwritten: only complete records reached the stream.
        _output.Dispose();
        _direct?.Dispose();
        _elements.Dispose();
        _fallback.Dispose();
    }

    private void FlushOutput()
    {
        _stream.Write(_output.Written);
        _output.Clear();
    }

    /// <summary>The root element's name as XmlWriter writes it (its errors, such as an empty name, are XmlWriter's too).</summary>
    private byte[] RootStartTag()
    {
        var start = RunXmlWriter(xml =>
        {
            _elements.Reset();
            _elements.WriteStartElement(_options.RootElement);
        });

        // What XmlWriter wrote is "<name": the name follows the '<'.
        return start[1..].ToArray();
    }

    /// <summary>Writes a record through XmlWriter into a scratch stream and appends the bytes to the output.</summary>
    private void WriteWithXmlWriter(ReadOnlySpan<byte> record)
    {
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
            var start = 0;
            var markup = RunXmlWriter(xml =>
            {
                if (_sequence)
                {
                    // Inside a root of the same name, so XmlWriter indents the item as it would in the document;
                    // the root's "<name>" is cut off below.
                    _elements.Reset();
                    _elements.WriteStartElement(_options.RootElement);
                    xml.Flush();
                    start = (int)_fallback.Length + 1;
                }

                WriteRecord(document.RootElement);
            });
            _output.CloseOpenTag();
            _output.AppendElements(markup[start..]);
        }
    }

    /// <summary>Runs <paramref name="write"/> on a fresh XmlWriter over the scratch stream; returns what it wrote.</summary>
    private ReadOnlySpan<byte> RunXmlWriter(Action<XmlWriter> write)
    {
        _fallback.SetLength(0);
        var xml = XmlWriter.Create(_fallback, _settings);
        try
        {
            _elements.Use(xml);
            write(xml);
            xml.Flush();
            return _fallback.GetBuffer().AsSpan(0, (int)_fallback.Length);
        }
        catch (Exception ex) when (IsRejectedByXmlWriter(ex))
        {
            throw Rejected(ex);
        }
        finally
        {
            try
            {
                // Disposing closes any elements left open (after what was taken, or after a failed write); closing
                // them can fail for the same reason the write did.
                xml.Dispose();
            }
            catch (Exception ex) when (IsRejectedByXmlWriter(ex))
            {
                // The failed write was already reported to the caller; Dispose must not replace that error.
            }
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
