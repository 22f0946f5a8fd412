using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Gateway.Core.Diagnostics;
using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Gateway.Core.Routing;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Http.Ingest;

/// <summary>
/// Handles a POST or PUT to an <c>Http</c> input: reads the body (bounded), queues the message into the input's
/// routes and answers once it is queued: 202 with the id and record count, or with <c>?wait=true</c> 200 once every
/// sink acknowledged it (502 naming the sink that failed, 422 when a converter refused it, 504 when that takes
/// longer than the input's <c>WaitTimeout</c>). A full route answers 503 with <c>Retry-After</c>; a malformed body
/// 400 with its position (it is queued anyway, so the route dead-letters it).
/// </summary>
internal static class IngestEndpoint
{
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

        var body = await ReadBodyAsync(context, maxBodyBytes);
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
        long records;
        FormatReadException? malformed = null;
        try
        {
            // Counted here, so the answer can come as soon as the message is queued; the route reads it again.
            records = FormatConverter.CountRecords(body, formats.Get(format), input.Context.FormatOptions);
        }
        catch (FormatReadException ex)
        {
            records = 0;
            malformed = ex;
        }

        if (!TryDispatch(input, message, out var receipt, out var refusal))
        {
            return Unavailable(context, logger, input, refusal ?? $"The routes of input '{input.Id}' are full; retry later.");
        }

        if (malformed is not null)
        {
            // The routes dead-letter it with the same error; the answer waits for that, so it is true when sent.
            var deadLettered = await EndedAsync(receipt, input.Options.WaitTimeout, context.RequestAborted);
            var extensions = new Dictionary<string, object?> { ["id"] = message.Id, ["format"] = format };
            if (malformed.Location is not null)
            {
                extensions["position"] = malformed.Location;
            }

            return Reject(logger, input, StatusCodes.Status400BadRequest, $"The {format} body cannot be read: {malformed.Message} " + (deadLettered ? "The message was dead-lettered." : "The message is queued to be dead-lettered."), extensions);
        }

        if (!wait)
        {
            return TypedResults.Json(new IngestAccepted(message.Id, (int)records), statusCode: StatusCodes.Status202Accepted);
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
            return TypedResults.Ok(new IngestAccepted(message.Id, (int)records, report.Deliveries));
        }

        var failed = report.Failures[0];
        if (failed.Stage == "convert")
        {
            return Problem(
                StatusCodes.Status422UnprocessableEntity,
                $"Route '{failed.Route}' could not convert the message: {failed.Error}. It was dead-lettered to {failed.DeadLetter ?? "nowhere (see the log)"}.",
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
    private static bool TryDispatch(HttpInput input, Message message, [NotNullWhen(true)] out MessageReceipt? receipt, out string? refusal)
    {
        refusal = null;
        try
        {
            return input.Context.Dispatcher.TryDispatch(message, out receipt);
        }
        catch (InvalidOperationException ex)
        {
            receipt = null;
            refusal = ex.Message;
            return false;
        }
    }

    /// <summary>Waits until every route and sink is done with the message; false after <paramref name="timeout"/> or when the client left.</summary>
    private static async Task<bool> EndedAsync(MessageReceipt receipt, TimeSpan timeout, CancellationToken requestAborted)
    {
        try
        {
            await receipt.Delivered.WaitAsync(timeout, requestAborted);
            return true;
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            return false;
        }
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
