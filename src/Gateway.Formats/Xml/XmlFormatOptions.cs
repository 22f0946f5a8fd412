using System.Xml;
using Gateway.Core.Formats;
using Gateway.Core.Formats.Options;
using Gateway.Formats.Options;
using static Gateway.Core.Formats.Options.FormatOptionDescriptors;

namespace Gateway.Formats.Xml;

/// <summary>The options of <see cref="XmlFormat"/>.</summary>
internal static class XmlFormatOptions
{
    public static IReadOnlyList<FormatOptionDescriptor> All { get; } =
    [
        SharedFormatOptions.InferTypes,
        Parsed(
            nameof(FormatOptions.RootElement), "root", "--root", "JSON -> XML",
            "JSON -> XML: the root element wrapping anything but a one-property object. Default 'root'.",
            "NAME", ParseName, (o, v) => o.RootElement = v) with { QueryAliases = ["rootElement"] },
        Parsed(
            nameof(FormatOptions.ItemElement), "item", "--item", "JSON -> XML",
            "JSON -> XML: the element of each item of a top-level array or record sequence. Default 'item'.",
            "NAME", ParseName, (o, v) => o.ItemElement = v) with { QueryAliases = ["itemElement"] },
        List(
            nameof(FormatOptions.ArrayPaths), "arrayPath", "--array-path", "XML -> JSON",
            "XML -> JSON: an element path that is always an array, from the root (order/line) or relative to the record element (line); repeatable or comma-separated.",
            "PATH", "the path", o => o.ArrayPaths) with { QueryAliases = ["arrayPaths"] },
        Parsed(
            nameof(FormatOptions.RecordElement), "recordElement", "--record-element", "XML",
            "XML: stream each element with this name as one record instead of the whole document as one.",
            "NAME", ParseName, (o, v) => o.RecordElement = v),
        Flag(
            nameof(FormatOptions.Strict), "strict", "--strict", "XML -> JSON",
            "XML -> JSON: fail on what JSON would lose (interleaved same-name siblings, mixed content, comments, processing instructions) instead of dropping it.",
            (o, v) => o.Strict = v),
        SharedFormatOptions.Pretty,
        SharedFormatOptions.MaxDepth,
        SharedFormatOptions.MaxDocumentChars,
        Number(
            nameof(FormatOptions.MaxAttributes), "maxAttributes", "--max-attributes", "XML",
            "XML: the most attributes on one element, namespace declarations included. Default 1000.",
            (o, v) => o.MaxAttributes = v),
        Number(
            nameof(FormatOptions.MaxNames), "maxNames", "--max-names", "XML",
            "XML: the most distinct names (elements, attributes, prefixes, namespace URIs) in a document. Default 100000.",
            (o, v) => o.MaxNames = v),
    ];

    private static string? ParseName(string value, out string result)
    {
        result = value.Trim();
        if (result.Length == 0)
        {
            return "the element name must not be empty.";
        }

        try
        {
            XmlConvert.VerifyName(result);
            return null;
        }
        catch (XmlException)
        {
            return $"'{value}' is not a valid XML element name.";
        }
    }
}
