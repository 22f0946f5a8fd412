using Gateway.Core.Formats;
using Gateway.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Http;

public sealed class ContentNegotiationTests : IDisposable
{
    private readonly GatewayAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("application/json")]
    [InlineData("APPLICATION/JSON")]
    [InlineData("application/x-ndjson")]
    [InlineData("text/csv")]
    [InlineData("application/xml")]
    [InlineData("text/xml")]
    [InlineData("application/vnd.example+json")]
    [InlineData("image/png")]
    [InlineData("text/html")]
    public void A_bare_accept_answers_as_the_parsed_range_does(string mediaType)
    {
        // "type/subtype" takes the fast path; "type/subtype;q=1" is parsed and sorted. Both must pick the same.
        var formats = _factory.Services.GetRequiredService<FormatRegistry>();
        var bare = ContentNegotiation.TrySelectAnswerFormat([mediaType], formats, out var bareFormat, out var bareMediaType, out var bareError);
        var parsed = ContentNegotiation.TrySelectAnswerFormat([mediaType + ";q=1"], formats, out var parsedFormat, out var parsedMediaType, out var parsedError);
        Assert.Equal(parsed, bare);
        Assert.Same(parsedFormat, bareFormat);
        Assert.Equal(parsedMediaType, bareMediaType);
        Assert.Equal(parsedError is null, bareError is null);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("Text/CSV")]
    [InlineData("application/x-ndjson")]
    [InlineData("application/vnd.example+xml")]
    [InlineData("text/plain")]
    [InlineData("nonsense")]
    [InlineData("text/")]
    public void A_bare_content_type_reads_as_the_parsed_one_does(string mediaType)
    {
        var formats = _factory.Services.GetRequiredService<FormatRegistry>();
        var bare = ContentNegotiation.TryGetBodyFormat(mediaType, formats, out var bareFormat, out _);
        var parsed = ContentNegotiation.TryGetBodyFormat(mediaType + "; charset=utf-8", formats, out var parsedFormat, out _);
        Assert.Equal(parsed, bare);
        Assert.Same(parsedFormat, bareFormat);
    }
}
