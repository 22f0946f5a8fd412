using System.Buffers;
using System.Text.Json;
using System.Xml;
using Gateway.Core.Formats;
using Gateway.Core.Json;

namespace Gateway.Formats.Xml;

/// <summary>
/// Reads XML into canonical JSON with the Gateway XML convention. Without <c>RecordElement</c> the whole document
/// is one record, <c>{ "rootName": value }</c>. With it, every element of that name is one record (its value, not
/// wrapped in its name) and the document streams: memory is bounded by the largest record.
/// A DOCTYPE is skipped unread, entities it declares are refused where used, and nothing outside the document is ever resolved.
/// </summary>
internal sealed class XmlRecordReader : IRecordReader
{
    // Extra bytes the size guard tolerates beyond its limit: the parser reads ahead in blocks.
    private const long ReadAheadSlack = 64 * 1024;

    // A record's raw bytes per counted character the guard allows (markup, entity and character references).
    private const long BytesPerCharBackstop = 8;

    private readonly Stream _input;
    private readonly FormatOptions _options;
    private readonly string? _recordElement;
    private readonly XmlReadLimitStream? _guard;
    private readonly XmlInheritedNamespaces? _namespaces;
    private readonly XmlReadLimits _limits;
    private readonly XmlNameBudget _nameBudget;
    private readonly XmlTreeBuilder _builder;
    private readonly XmlJsonNames _names;
    private readonly XmlJsonEmitter _emitter;
    private readonly XmlArrayPathNode _paths;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;
    private XmlReader? _xml;
    private bool _done;

    public XmlRecordReader(Stream input, FormatOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        _input = input;
        _options = options;
        _recordElement = string.IsNullOrWhiteSpace(options.RecordElement) ? null : options.RecordElement.Trim();
        if (_recordElement is not null)
        {
            var guardLimit = options.MaxDocumentChars > (long.MaxValue - ReadAheadSlack) / BytesPerCharBackstop
                ? long.MaxValue
                : (options.MaxDocumentChars * BytesPerCharBackstop) + ReadAheadSlack;
            _guard = new XmlReadLimitStream(input, guardLimit);
            _namespaces = new XmlInheritedNamespaces();
        }

        _limits = new XmlReadLimits(options.MaxDepth, _recordElement is null ? 0 : options.MaxDocumentChars);
        var encoder = CanonicalJson.WriterOptions.Encoder!;
        _names = new XmlJsonNames(encoder);
        _nameBudget = new XmlNameBudget(options.MaxNames, options.MaxAttributes);
        _builder = new XmlTreeBuilder(_limits, _nameBudget, _namespaces, options.Strict ? new XmlStrictCheck(_names) : null);
        _emitter = new XmlJsonEmitter(_names, options.InferTypes);
        _paths = XmlArrayPathNode.Build(options.ArrayPaths);

        // Each element adds at most an object and an array to the JSON nesting, and MaxDepth bounds the elements,
        // so the output is valid by construction and needs no validation pass.
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions
        {
            Encoder = encoder,
            SkipValidation = true,
            MaxDepth = (2 * options.MaxDepth) + 2,
        });
    }

    /// <summary>True when <c>RecordElement</c> is set: the document is a sequence of records.</summary>
    public bool IsSequence => _recordElement is not null;

    public bool TryRead(out ReadOnlyMemory<byte> record)
    {
        record = default;
        if (_done)
        {
            return false;
        }

        try
        {
            if (_xml is null)
            {
                _xml = XmlReader.Create(_guard ?? _input, CreateSettings());
                _nameBudget.Reader = _xml;
            }

            _buffer.ResetWrittenCount();
            _json.Reset(_buffer);
            if (_recordElement is null)
            {
                _done = true;
                _emitter.WriteDocument(_json, _builder.Tree, ReadDocument(_xml), _paths);
            }
            else
            {
                var node = ReadNextRecord(_xml, _recordElement);
                if (node < 0)
                {
                    _done = true;
                    return false;
                }

                _emitter.WriteRecord(_json, _builder.Tree, node, _paths, _namespaces!.Needed.Count > 0 ? _namespaces.Needed : null);
            }

            _json.Flush();
            record = _buffer.WrittenMemory;
            return true;
        }
        catch (XmlException ex)
        {
            _done = true;
            throw XmlReadErrors.FromXmlException(ex, _xml, _options.MaxDocumentChars);
        }
        catch (XmlReadLimitExceededException)
        {
            _done = true;
            throw XmlReadErrors.RecordTooLarge(_xml, _options.MaxDocumentChars);
        }
        catch (FormatReadException)
        {
            _done = true;
            throw;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            // Safety net: hostile input must surface as a format error, whatever part of System.Xml rejects it.
            _done = true;
            throw XmlReadErrors.Unreadable(ex, _xml);
        }
    }

    public void Dispose()
    {
        _xml?.Dispose();
        _json.Dispose();
    }

    private XmlReaderSettings CreateSettings() => new()
    {
        // A DOCTYPE is skipped unread: no default attribute is applied, no entity declared, nothing outside the document
        // fetched. A reference to one of its entities is then undeclared, and refused (XmlReadErrors).
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        NameTable = _nameBudget,
        // Comments and processing instructions are skipped by the reading loops instead, so that each one is a node
        // of its own for the size guard (a long run of them between records must not add up to one "node").
        IgnoreComments = false,
        IgnoreProcessingInstructions = false,
        IgnoreWhitespace = false,
        CloseInput = false,

        // Streaming reads limit each record instead (see XmlReadLimits and XmlReadLimitStream).
        MaxCharactersInDocument = _recordElement is null ? _options.MaxDocumentChars : 0,
        MaxCharactersFromEntities = 0,
    };

    private int ReadDocument(XmlReader xml)
    {
        var root = -1;
        while (xml.Read())
        {
            _nameBudget.NextNode();

            // The parser itself rejects a second root element, so the first element is the root.
            if (xml.NodeType == XmlNodeType.Element)
            {
                root = _builder.Build(xml);
            }
            else if (_options.Strict)
            {
                // Around the root too: a comment or processing instruction there is dropped as well.
                XmlStrictCheck.NotDropped(xml);
            }
        }

        // Reading on to the end checks that nothing but comments, processing instructions and whitespace follows.
        return root >= 0 ? root : throw new FormatReadException(
            "The XML document has no root element: it is empty or holds only whitespace, comments or processing instructions.",
            XmlReadErrors.Location(xml));
    }

    private int ReadNextRecord(XmlReader xml, string recordElement)
    {
        while (xml.Read())
        {
            _guard!.Mark();
            _nameBudget.NextNode();
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            _limits.CheckDepth(xml);
            _nameBudget.CheckAttributes(xml);
            _namespaces!.LeaveTo(xml.Depth);
            var name = xml.Name;
            if (name == recordElement || _names.Element(name).Decoded == recordElement)
            {
                return _builder.Build(xml);
            }

            _namespaces.EnterOutside(xml);
        }

        return -1;
    }
}
