namespace Gateway.Http;

/// <summary>
/// A successful conversion: writes the buffered output with <c>200 OK</c>, its media type and the record count
/// (<c>Gateway-Record-Count</c>), then releases the buffer.
/// </summary>
internal sealed class ConvertedResult(ResponseBuffer output, string contentType, long records) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IDisposable
{
    /// <summary>The response header carrying the number of records converted.</summary>
    public const string RecordCountHeader = "Gateway-Record-Count";

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => contentType;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        await using (output)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = contentType;
            response.ContentLength = output.Length;
            response.Headers[RecordCountHeader] = records.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await output.DrainAsync(response.Body, httpContext.RequestAborted);
        }
    }

    public void Dispose() => output.Dispose();
}
