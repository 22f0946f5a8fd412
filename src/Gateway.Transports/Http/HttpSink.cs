using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Gateway.Core.Formats;
using Gateway.Core.Routing;
using Gateway.Core.Templates;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Transports.Http;

/// <summary>
/// Sends each message as one HTTP request and classifies the outcome: 2xx delivered; 408, 429, 5xx, network errors
/// and timeouts transient; any other status permanent (the destination refuses this message). One attempt per call:
/// the route engine retries. Safe for concurrent sends (one pooled <see cref="HttpClient"/>).
/// </summary>
internal sealed class HttpSink : IMessageSink
{
    /// <summary>The named client every <c>Http</c> sink shares (its connection pool); registered by <c>AddHttpSink()</c>.</summary>
    public const string HttpClientName = "Gateway.HttpSink";

    /// <summary>How much of an error response's body goes into the failure message.</summary>
    internal const int ErrorBodyBytes = 500;

    private readonly HttpClient _client;
    private readonly MessageTemplate _url;
    private readonly HttpMethod _method;
    private readonly string _contentType;
    private readonly TimeSpan _timeout;
    private readonly KeyValuePair<string, MessageTemplate>[] _headers;

    public HttpSink(HttpSinkOptions options, SinkContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        if (!HttpSinkUrl.TryParse(options.Url, out var url, out var error))
        {
            throw new ArgumentException($"{context.Path}:Url: {error}", nameof(options));
        }

        _url = url;
        _method = options.Method == HttpSinkMethod.Put ? HttpMethod.Put : HttpMethod.Post;
        _timeout = options.Timeout;
        _headers = [.. options.Headers.Select(h => KeyValuePair.Create(h.Key, MessageTemplate.Parse(h.Value ?? string.Empty)))];
        var format = context.Services.GetRequiredService<FormatRegistry>().Get(context.Format);
        var mediaType = format.MediaTypes.Count > 0 ? format.MediaTypes[0] : "application/octet-stream";
        _contentType = mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ? mediaType + "; charset=utf-8" : mediaType;
        _client = context.Services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
    }

    public async ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var uri = HttpSinkUrl.Render(_url, message);
        using var request = new HttpRequestMessage(_method, uri) { Content = new ReadOnlyMemoryContent(message.Body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", _contentType);
        request.Headers.TryAddWithoutValidation(HttpSinkHeaders.MessageId, message.Canonical.Id.ToString("D"));
        HttpSinkHeaders.Apply(_headers, request, message);
        HttpSinkHeaders.ApplyTraceContext(request, message.Canonical, Activity.Current);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var target = $"{_method} {HttpSinkUrl.Describe(uri)}";
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var body = await ReadStartAsync(response, timeout.Token);
            throw Refused(target, response, body);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SinkDeliveryException(
                $"{target} got no answer within {_timeout:c} (option Timeout).", isTransient: true, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new SinkDeliveryException($"{target} failed: {ex.Message}", isTransient: true, ex);
        }
    }

    /// <summary>Nothing to close: the shared client's connections belong to the client factory.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>408, 429 and 5xx may pass on their own; every other status means this message is refused.</summary>
    internal static bool IsTransient(HttpStatusCode status)
        => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static SinkDeliveryException Refused(string target, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var reason = string.IsNullOrEmpty(response.ReasonPhrase) ? ReasonPhrases.GetReasonPhrase(status) : response.ReasonPhrase;
        var transient = IsTransient(response.StatusCode);
        var text = new StringBuilder($"{target} answered {status} {reason}");
        var retryAfter = RetryAfter(response);
        if (retryAfter is { } delay)
        {
            text.Append(CultureInfo.InvariantCulture, $" (Retry-After {delay.TotalSeconds:0.###} s)");
        }

        if (status is >= 300 and < 400)
        {
            text.Append(CultureInfo.InvariantCulture, $"; redirects are not followed, set Url to the final address ({response.Headers.Location})");
        }
        else if (!transient)
        {
            text.Append(": the destination refuses this message, it is not retried");
        }

        if (body.Length > 0)
        {
            text.Append(": ").Append(body);
        }

        return new SinkDeliveryException(text.ToString(), transient) { RetryAfter = retryAfter };
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is { } left && left > TimeSpan.Zero ? left : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>The first <see cref="ErrorBodyBytes"/> bytes of the body as text, or a note saying why there are none.</summary>
    private static async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new byte[ErrorBodyBytes];
        var filled = 0;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            int read;
            while (filled < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            return filled == 0 ? "(the response body could not be read)" : Text(buffer, filled) + "...";
        }

        return filled == buffer.Length ? Text(buffer, filled) + "..." : Text(buffer, filled);
    }

    private static string Text(byte[] buffer, int length) => Encoding.UTF8.GetString(buffer, 0, length).Trim();
}
