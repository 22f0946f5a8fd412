using Gateway.Core.Converters;
using Gateway.Core.Formats;
using Gateway.Core.Messages;

namespace Gateway.Conversion;

/// <summary>
/// Converts a document from one format to another, optionally through a named converter pipeline. Without a
/// pipeline it streams record by record; with one the canonical document is held in memory, as pipelines work on
/// whole messages.
/// </summary>
internal static class ConversionRunner
{
    /// <summary>
    /// Converts <paramref name="input"/> into <paramref name="output"/> and returns the number of records written;
    /// <paramref name="received"/> is the number the input held (more when the pipeline dropped some).
    /// </summary>
    public static long Run(Stream input, DataFormat from, Stream output, DataFormat to, FormatOptions options, ConverterPipeline? pipeline, FormatRegistry formats, out long received)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(formats);
        if (pipeline is null)
        {
            return received = FormatConverter.Convert(input, from, output, to, options);
        }

        var json = formats.Get(FormatNames.Json);
        using var canonical = new MemoryStream();
        FormatConverter.Convert(input, from, canonical, json, options);
        var message = new Message(canonical.GetBuffer().AsMemory(0, (int)canonical.Length), FormatNames.Json, "convert");
        var results = pipeline.Run(message, out received);

        // The canonical results hold the records themselves: the records pointer was for the input only.
        if (options.Records is not null)
        {
            options = options.Clone();
            options.Records = null;
        }

        using var writer = to.CreateWriter(output, options);
        if (results.Count == 1)
        {
            using var body = new ReadOnlyMemoryStream(results[0].Body);
            using var reader = json.CreateReader(body, options);
            return FormatConverter.Copy(reader, writer);
        }

        long count = 0;
        writer.Begin(isSequence: true);
        foreach (var result in results)
        {
            using var body = new ReadOnlyMemoryStream(result.Body);
            using var reader = json.CreateReader(body, options);
            while (reader.TryRead(out var record))
            {
                writer.Write(record.Span);
                count++;
            }
        }

        writer.Complete();
        return count;
    }

    /// <summary>The note for a pipeline that kept none of the <paramref name="received"/> records; null when it kept some or got none.</summary>
    public static string? DroppedAllNote(string? pipelineName, long received, long written) =>
        pipelineName is null || received == 0 || written > 0
            ? null
            : $"pipeline '{pipelineName}' kept none of the {received} records. {ConverterPipeline.DroppedAllHint}";
}
