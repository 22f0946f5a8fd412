using Gateway.Core.Formats;
using Gateway.Core.Formats.Options;
using Gateway.Core.Messages;

namespace Gateway.Formats.Xml;

/// <summary>
/// XML, read and written with the Gateway XML convention (see <c>docs/formats-xml.md</c>): elements become
/// properties, attributes <c>@name</c>, text beside attributes or children <c>#text</c>, repeated siblings arrays.
/// </summary>
public sealed class XmlFormat : DataFormat
{
    private static readonly string[] MediaTypeList = ["application/xml", "text/xml"];
    private static readonly string[] ExtensionList = [".xml"];

    public override string Name => FormatNames.Xml;

    public override IReadOnlyList<string> MediaTypes => MediaTypeList;

    public override IReadOnlyList<string> Extensions => ExtensionList;

    public override IReadOnlyList<FormatOptionDescriptor> Options => XmlFormatOptions.All;

    public override IRecordReader CreateReader(Stream input, FormatOptions options) => new XmlRecordReader(input, options);

    public override IRecordWriter CreateWriter(Stream output, FormatOptions options) => new XmlRecordWriter(output, options);
}
