using System.Net;
using System.Text;

namespace Gateway.Tests.Http;

/// <summary><c>POST /convert</c> across the four formats, with their options in the query string.</summary>
public sealed class ConvertFormatsTests : IDisposable
{
    private readonly GatewayAppFactory _factory = new(new()
    {
        ["Gateway:Pipelines:clean:0:Type"] = "Rename",
        ["Gateway:Pipelines:clean:0:Map:qty"] = "quantity",
    });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Csv_with_tab_no_header_and_inferred_types_to_json()
    {
        using var response = await PostAsync("a\t2\n", "text/csv", null, "?delimiter=tab&header=false&inferTypes=true");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""[{"column1":"a","column2":2}]""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Json_to_csv_by_accept_with_charset()
    {
        using var response = await PostAsync("""[{"a":1,"b":"x"}]""", "application/json", "text/csv", "?newline=lf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("a,b\n1,x\n", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("application/xml", "application/xml")]
    [InlineData("text/xml", "text/xml")]
    [InlineData("application/atom+xml", "application/xml")]
    public async Task Json_to_xml_labelled_as_asked(string accept, string mediaType)
    {
        using var response = await PostAsync("""[{"id":1}]""", "application/json", accept, "?root=orders&item=order");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<orders><order><id>1</id></order></orders>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_range_prefers_csv()
    {
        using var response = await PostAsync("""[{"a":1}]""", "application/json", "text/*", string.Empty);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Xml_record_elements_to_ndjson()
    {
        using var response = await PostAsync("<rows><row><v>1</v></row><row><v>2</v></row></rows>", "application/xml", "application/x-ndjson", "?recordElement=row&inferTypes=true");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"v\":1}\n{\"v\":2}\n", await response.Content.ReadAsStringAsync());
        Assert.Equal("2", Assert.Single(response.Headers.GetValues("Gateway-Record-Count")));
    }

    [Fact]
    public async Task Configured_pipeline_with_a_built_in_converter()
    {
        using var response = await PostAsync("sku,qty\nA,2\n", "text/csv", null, "?pipeline=clean");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""[{"sku":"A","quantity":"2"}]""", await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string contentType, string? accept, string query)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/convert" + query, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return await client.SendAsync(request);
    }
}
