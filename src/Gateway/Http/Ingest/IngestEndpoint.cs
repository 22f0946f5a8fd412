using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Gateway.Core.Converters;
using Gateway.Core.Diagnostics;
using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Gateway.Core.Routing;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Http.Ingest;

/// <summary>
/// Handles a POST or PUT to an <c>Http</c> input: reads the body (bounded), runs the input's routes' converters,
/// stores the result in their durable logs and answers once it is stored: 202 with the id and record count, or with
/// <c>?wait=true</c> 200 once every sink acknowledged it (502 naming the sink that failed, 504 when that takes longer
/// than the input's <c>WaitTimeout</c>). A full buffer answers 503 with <c>Retry-After</c>; a malformed body 400 with
/// its position and a converter's refusal 422, and neither is stored (the sender has it).
/// </summary>
internal static class IngestEndpoint
{
    /// <summary>How much of a refused body the recent failures keep.</summary>
    private const int RefusedBodyBytes = 4096;

    private static readonly string[] CredentialHeaders = ["Authorization", "Proxy-Authorization", "Cookie"];

    public static async Task<IResult> HandleAsync(HttpContext context, HttpInput input, FormatRegistry formats, long maxBodyBytes, ILogger logger)
    {
        var request = context.Request;
        if (!input.IsAccepting)
        {
            return Unavailable(context, logger, input, "The gateway is stopping and takes no more messages.");
        }

        if (!TryGetWait(request, out var wait))
        {
            return Reject(logger, input, StatusCodes.Status400BadRequest, $"Query parameter 'wait': expected true or false, found '{request.Query["wait"]}'.");
        }

        string format;
        if (input.Context.Format is { } configured)
        {
            format = configured;
        }
        else if (ContentNegotiation.TryGetBodyFormat(request.ContentType, formats, out var fromContentType, out var error))
        {
            format = fromContentType.Name;
        }
        else
        {
            return Reject(logger, input, StatusCodes.Status415UnsupportedMediaType, error, new() { ["accepted"] = ContentNegotiation.MediaTypes(formats) });
        }

        byte[]? body;
        try
        {
            body = await ReadBodyAsync(context, maxBodyBytes);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode != StatusCodes.Status413PayloadTooLarge)
        {
            return Reject(logger, input, ex.StatusCode, $"The request body could not be read: {ex.Message}");
        }

        if (body is null)
        {
            return Reject(
                logger,
                input,
                StatusCodes.Status413PayloadTooLarge,
                $"The request body is larger than the limit of {maxBodyBytes} bytes (Gateway:Http:MaxBodyBytes).",
                new() { ["limit"] = maxBodyBytes });
        }

        var message = new Message(body, format, input.Id) { Metadata = Metadata(context, input.Options) };
        var options = DispatchOptions.RefuseInvalid | (wait ? DispatchOptions.TrackDelivery : DispatchOptions.None);
        MessageReceipt? receipt;
        string? refusal;
        try
        {
            if (!TryDispatch(input, message, options, out receipt, out refusal))
            {
                return Unavailable(context, logger, input, refusal ?? $"The routes of input '{input.Id}' are full; retry later.");
            }
        }
        catch (FormatReadException ex)
        {
            // The sender still has the body: nothing is stored but its start, among the recent failures.
            var extensions = new Dictionary<string, object?> { ["id"] = message.Id, ["format"] = format };
            if (ex.Location is not null)
            {
                extensions["position"] = ex.Location;
            }

            return Refused(context, logger, message, StatusCodes.Status400BadRequest, $"The {format} body cannot be read: {ex.Message} Nothing was stored.", extensions);
        }
        catch (ConverterException ex)
        {
            return Refused(context, logger, message, StatusCodes.Status422UnprocessableEntity, $"The message was refused by a route's converters: {ex.Message} Nothing was stored.", new() { ["id"] = message.Id });
        }

        try
        {
            await receipt.Committed.WaitAsync(input.Options.WaitTimeout, context.RequestAborted);
        }
        catch (Exception ex) when (ex is TimeoutException or IOException or ObjectDisposedException)
        {
            // Not known to be stored: the sender must send it again (it may then arrive twice, never not at all).
            return Unavailable(context, logger, input, $"Message {message.Id} could not be stored in time ({ex.Message}); send it again.");
        }

        var records = receipt.Records;
        if (!wait)
        {
            return TypedResults.Json(new IngestAccepted(message.Id, records), statusCode: StatusCodes.Status202Accepted);
        }

        DeliveryReport report;
        try
        {
            report = await receipt.Delivered.WaitAsync(input.Options.WaitTimeout, context.RequestAborted);
        }
        catch (TimeoutException)
        {
            return Problem(
                StatusCodes.Status504GatewayTimeout,
                $"Not every sink acknowledged message {message.Id} within {input.Options.WaitTimeout.TotalSeconds:0.###} s. It stays queued and will be delivered or dead-lettered.",
                new() { ["id"] = message.Id });
        }

        if (report.Succeeded)
        {
            return TypedResults.Ok(new IngestAccepted(message.Id, records, report.Deliveries));
        }

        var failed = report.Failures[0];
        if (failed.Stage == "convert")
        {
            return Problem(
                StatusCodes.Status422UnprocessableEntity,
                $"Route '{failed.Route}' could not convert the message: {failed.Error}. It was dead-lettered to {failed.DeadLetter}.",
                new() { ["id"] = message.Id, ["failures"] = report.Failures });
        }

        var detail = $"Sink '{failed.Sink}' of route '{failed.Route}' failed: {failed.Error}. "
            + (failed.DeadLetter is null ? "It could not be dead-lettered." : $"It was dead-lettered to {failed.DeadLetter}.");
        return Problem(StatusCodes.Status502BadGateway, detail, new() { ["id"] = message.Id, ["sink"] = failed.Sink, ["failures"] = report.Failures });
    }

    /// <summary>
    /// Queues the message; false when the routes are full, or with a <paramref name="refusal"/> when the gateway began
    /// stopping after the first check or no route reads the input any more (a reload removed them).
    /// </summary>
    private static bool TryDispatch(HttpInput input, Message message, DispatchOptions options, [NotNullWhen(true)] out MessageReceipt? receipt, out string? refusal)
    {
        try
        {
            return input.Context.Dispatcher.TryDispatch(message, options, out receipt, out refusal);
        }
        catch (InvalidOperationException ex)
        {
            receipt = null;
            refusal = ex.Message;
            return false;
        }
    }

    /// <summary>
    /// Answers a body refused to its sender: one log line with its id, and its start and length among the recent
    /// failures (the dashboard's list); the body itself is not kept.
    /// </summary>
    private static ProblemHttpResult Refused(HttpContext context, ILogger logger, Message message, int status, string detail, Dictionary<string, object?> extensions)
    {
        IngestLog.Refused(logger, message.InputId, message.Id, status, detail);
        var start = message.Body.Length > RefusedBodyBytes ? message.Body[..RefusedBodyBytes] : message.Body;
        context.RequestServices.GetRequiredService<RecentFailures>().Record(
            new FailureRecord(DateTimeOffset.UtcNow, message.Id, "-", message.InputId, null, "refused", $"{status}: {detail}", null)
            {
                BodyStart = System.Text.Encoding.UTF8.GetString(start.Span),
                BodyLength = message.Body.Length,
            });
        return Problem(status, detail, extensions);
    }

    private static bool TryGetWait(HttpRequest request, out bool wait)
    {
        wait = false;
        var value = request.Query["wait"];
        return value.Count == 0 || (value.Count == 1 && (string.IsNullOrEmpty(value[0]) ? (wait = true) : bool.TryParse(value[0], out wait)));
    }

    /// <summary>Reads the whole body, or returns null when it is larger than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, long limit)
    {
        var request = context.Request;
        limit = Math.Min(limit, Array.MaxLength); // a message body is one array
        if (request.ContentLength > limit)
        {
            return null;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = null; // our limit governs, chunked bodies included
        }

        var body = new RequestBodyLimitStream(request.Body, limit);
        try
        {
            if (request.ContentLength is { } length)
            {
                // The usual case: one array of the announced size, no intermediate copy.
                var bytes = new byte[length];
                var read = await body.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, context.RequestAborted);
                return read == bytes.Length ? bytes : bytes[..read];
            }

            using var buffer = new MemoryStream();
            await body.CopyToAsync(buffer, context.RequestAborted);
            return buffer.ToArray();
        }
        catch (RequestBodyTooLargeException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> Metadata(HttpContext context, HttpInputOptions options)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in context.Request.Headers)
        {
            var wanted = options.Headers.Count == 0
                ? !CredentialHeaders.Contains(name, StringComparer.OrdinalIgnoreCase)
                : options.Headers.Contains(name, StringComparer.OrdinalIgnoreCase);
            if (wanted)
            {
                metadata[name] = values.ToString();
            }
        }

        if (context.Connection.RemoteIpAddress is { } remote)
        {
            metadata["remote"] = remote.ToString();
        }

        // Whatever the header filter: the caller's trace goes on to the sinks (the request's span when there is one).
        var headers = context.Request.Headers;
        MessageTraceContext.Capture(metadata, Activity.Current, headers.TraceParent.FirstOrDefault(), headers.TraceState.FirstOrDefault());

        return metadata;
    }

    private static ProblemHttpResult Unavailable(HttpContext context, ILogger logger, HttpInput input, string detail)
    {
        IngestLog.Full(logger, input.Id);
        context.Response.Headers.RetryAfter = "1";
        return Problem(StatusCodes.Status503ServiceUnavailable, detail);
    }

    private static ProblemHttpResult Reject(ILogger logger, HttpInput input, int status, string detail, Dictionary<string, object?>? extensions = null)
    {
        IngestLog.Rejected(logger, input.Id, status, detail);
        return Problem(status, detail, extensions);
    }

    private static ProblemHttpResult Problem(int status, string detail, Dictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, extensions: extensions);
}
