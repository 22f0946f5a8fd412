using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gateway.Core.Json;

/// <summary>Writer and reader settings shared by everything that produces or reads the canonical JSON form.</summary>
public static class CanonicalJson
{
    /// <summary>
    /// Compact output that keeps non-ASCII text as UTF-8 instead of <c>\uXXXX</c> escapes. The canonical form is
    /// data, never embedded in HTML, so the relaxed encoder is the right one.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Like <see cref="WriterOptions"/>, indented.</summary>
    public static readonly JsonWriterOptions IndentedWriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
        Indented = true,
    };

    /// <summary>Reader options for <paramref name="maxDepth"/>: strict RFC 8259 (no comments, no trailing commas).</summary>
    public static JsonReaderOptions ReaderOptions(int maxDepth) => new()
    {
        MaxDepth = maxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };
}
