using System.Globalization;
using Gateway.Conversion;
using Gateway.Core.Converters;
using Gateway.Core.Formats;
using Gateway.Core.Formats.Options;
using Gateway.Hosting;
using Gateway.Options;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gateway.Http;

/// <summary>
/// <c>POST /convert</c>: reads the body (bounded by <c>Gateway:Http:MaxBodyBytes</c>; pooled memory, spilled to a
/// temporary file past a small threshold), converts it into a buffer of the same kind, and only then answers, so a problem found half-way
/// still gets a clean 400 naming its position.
/// </summary>
internal static class ConvertEndpoint
{
    /// <summary>Bytes of body or output kept in pooled memory before spilling to a temporary file.</summary>
    private const int MemoryThreshold = 256 * 1024;

    /// <summary>The response header carrying the number of records converted.</summary>
    public const string RecordCountHeader = "Gateway-Record-Count";

    /// <summary>A note on a conversion that worked but probably not as meant: a pipeline that kept none of the records.</summary>
    public const string NoticeHeader = "Gateway-Notice";

    /// <summary>
    /// Answers one request. It writes the answer itself rather than returning an <see cref="IResult"/>: the success
    /// path then allocates no result object, no task of a result, and no dispose registration for the buffers.
    /// </summary>
    public static async Task HandleAsync(
        HttpContext context,
        FormatRegistry formats,
        NamedPipelines pipelines,
        IOptions<GatewayHttpOptions> httpOptions,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(formats);
        ArgumentNullException.ThrowIfNull(pipelines);
        ArgumentNullException.ThrowIfNull(httpOptions);
        ArgumentNullException.ThrowIfNull(logger);
        var request = context.Request;
        if (!ContentNegotiation.TryGetBodyFormat(request.ContentType, formats, out var from, out var error))
        {
            await Reject(logger, StatusCodes.Status415UnsupportedMediaType, error, Accepted(formats)).ExecuteAsync(context);
            return;
        }

        if (!ContentNegotiation.TrySelectAnswerFormat(request.Headers.Accept, formats, out var to, out var mediaType, out error))
        {
            await Reject(logger, StatusCodes.Status406NotAcceptable, error, Accepted(formats)).ExecuteAsync(context);
            return;
        }

        FormatOptions options;
        string? pipelineName = null;
        ConverterPipeline? pipeline = null;
        if (!request.QueryString.HasValue)
        {
            options = FormatOptionsBinder.ConversionDefaults(); // the defaults are valid, and request.Query would build a query feature per request
        }
        else
        {
            var errors = new List<string>();
            options = ConvertQuery.Parse(request.Query, formats.Options, errors, out pipelineName);
            if (pipelineName is not null && errors.Count == 0 && !pipelines.TryGet(pipelineName, out pipeline))
            {
                var known = pipelines.Names.Any() ? string.Join(", ", pipelines.Names) : "none are configured";
                errors.Add($"query parameter '{ConvertQuery.PipelineParameter}': unknown pipeline '{pipelineName}'. Known pipelines: {known}.");
            }

            if (errors.Count > 0)
            {
                await Reject(logger, StatusCodes.Status400BadRequest, string.Join(" ", errors), new() { ["errors"] = errors }).ExecuteAsync(context);
                return;
            }
        }

        var limit = httpOptions.Value.MaxBodyBytes;
        if (request.ContentLength > limit)
        {
            await TooLarge(logger, limit).ExecuteAsync(context);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // Our own limit below governs (and also covers chunked bodies); lift the server's so it does not answer first.
            sizeFeature.MaxRequestBodySize = null;
        }

        Stream body;
        try
        {
            body = await RequestBodyBuffer.ReadAsync(request, limit, MemoryThreshold, context.RequestAborted);
        }
        catch (RequestBodyTooLargeException)
        {
            await TooLarge(logger, limit).ExecuteAsync(context);
            return;
        }
        catch (BadHttpRequestException ex)
        {
            var rejected = ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge(logger, limit)
                : Reject(logger, ex.StatusCode, $"The request body could not be read: {ex.Message}");
            await rejected.ExecuteAsync(context);
            return;
        }

        await using var input = body;
        await using var output = new ResponseBuffer(MemoryThreshold); // released however the request ends, the client gone included
        if (Convert(body, from, output, to, options, pipeline, pipelineName, formats, logger, out var records, out var notice) is { } problem)
        {
            await problem.ExecuteAsync(context);
            return;
        }

        ConvertLog.Converted(logger, records, from.Name, to.Name, body.Length, output.Length);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ? mediaType + "; charset=utf-8" : mediaType;
        response.ContentLength = output.Length;
        response.Headers[RecordCountHeader] = records.ToString(CultureInfo.InvariantCulture);
        if (notice is not null)
        {
            response.Headers[NoticeHeader] = notice;
        }
        await output.DrainAsync(response.Body, context.RequestAborted);
    }

    /// <summary>Converts the buffered body into <paramref name="output"/>; null when it worked, else the problem to answer with.</summary>
    private static ProblemHttpResult? Convert(
        Stream body,
        DataFormat from,
        ResponseBuffer output,
        DataFormat to,
        FormatOptions options,
        ConverterPipeline? pipeline,
        string? pipelineName,
        FormatRegistry formats,
        ILogger logger,
        out long records,
        out string? notice)
    {
        records = 0;
        notice = null;
        try
        {
            records = ConversionRunner.Run(body, from, output, to, options, pipeline, formats, out var received);
            if (ConversionRunner.DroppedAllNote(pipelineName, received, records) is { } note)
            {
                ConvertLog.DroppedAll(logger, note);
                notice = note;
            }

            return null;
        }
        catch (FormatReadException ex)
        {
            ConvertLog.Malformed(logger, from.Name, ex.Message);
            var extensions = new Dictionary<string, object?> { ["format"] = from.Name };
            if (ex.Location is not null)
            {
                extensions["position"] = ex.Location;
            }

            return Problem(StatusCodes.Status400BadRequest, $"Cannot convert the {from.Name} body to {to.Name}: {ex.Message}", extensions);
        }
        catch (ConverterException ex)
        {
            ConvertLog.PipelineFailed(logger, pipelineName ?? string.Empty, ex.Message);
            var extensions = new Dictionary<string, object?> { ["pipeline"] = pipelineName };
            if (ValidationErrors(ex) is { } validationErrors)
            {
                extensions["errors"] = validationErrors;
            }

            return Problem(StatusCodes.Status422UnprocessableEntity, $"Pipeline '{pipelineName}' rejected the message: {ex.Message}", extensions);
        }
    }

    /// <summary>The validation errors of a failed step; the pipeline wraps the step's exception to name the step.</summary>
    private static IReadOnlyList<string>? ValidationErrors(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is MessageValidationException { Errors.Count: > 0 } validation)
            {
                return validation.Errors;
            }
        }

        return null;
    }

    private static Dictionary<string, object?> Accepted(FormatRegistry formats) => new() { ["accepted"] = ContentNegotiation.MediaTypes(formats) };

    private static ProblemHttpResult TooLarge(ILogger logger, long limit)
    {
        ConvertLog.TooLarge(logger, limit);
        return Problem(
            StatusCodes.Status413PayloadTooLarge,
            $"The request body is larger than the limit of {limit} bytes (Gateway:Http:MaxBodyBytes). Send a smaller body or convert the file with 'gateway convert'.",
            new() { ["limit"] = limit });
    }

    private static ProblemHttpResult Reject(ILogger logger, int status, string detail, Dictionary<string, object?>? extensions = null)
    {
        ConvertLog.Rejected(logger, status, detail);
        return Problem(status, detail, extensions);
    }

    private static ProblemHttpResult Problem(int status, string detail, Dictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, extensions: extensions);
}
