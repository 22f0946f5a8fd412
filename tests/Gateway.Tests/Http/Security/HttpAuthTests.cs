using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.Http.Security;

/// <summary>An Http input with an API key, one with a JWT, and <c>/convert</c> with an API key given as its hash.</summary>
public sealed class HttpAuthTests : IDisposable
{
    private const string Key = "input-key-0123456789";
    private const string ConvertKey = "convert-key-0123456789";
    private const string SigningKey = "a-signing-key-of-at-least-32-bytes!!";
    private const string Audience = "gateway-tests";

    private readonly GatewayAppFactory _factory = new(new()
    {
        ["Gateway:Http:ConvertAuth:Scheme"] = "apikey",
        ["Gateway:Http:ConvertAuth:Keys:0"] = "sha256:" + System.Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ConvertKey))),
        ["Gateway:Inputs:keyed:Type"] = "Http",
        ["Gateway:Inputs:keyed:Path"] = "/in/keyed",
        ["Gateway:Inputs:keyed:Auth:Scheme"] = "ApiKey",
        ["Gateway:Inputs:keyed:Auth:Keys:0"] = Key,
        ["Gateway:Inputs:jwt:Type"] = "Http",
        ["Gateway:Inputs:jwt:Path"] = "/in/jwt",
        ["Gateway:Inputs:jwt:Auth:Scheme"] = "Jwt",
        ["Gateway:Inputs:jwt:Auth:SigningKey"] = SigningKey,
        ["Gateway:Inputs:jwt:Auth:Audience"] = Audience,
        ["Gateway:Inputs:jwt:Auth:RequiredClaims:scope"] = "ingest",
        ["Gateway:Inputs:open:Type"] = "Http",
        ["Gateway:Inputs:open:Path"] = "/in/open",
        ["Gateway:Sinks:nowhere:Type"] = "Console",
        ["Gateway:Routes:keyed:Input"] = "keyed",
        ["Gateway:Routes:keyed:Sinks:0"] = "nowhere",
        ["Gateway:Routes:jwt:Input"] = "jwt",
        ["Gateway:Routes:jwt:Sinks:0"] = "nowhere",
        ["Gateway:Routes:open:Input"] = "open",
        ["Gateway:Routes:open:Sinks:0"] = "nowhere",
    });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Api_key_input_answers_401_problem_without_or_with_a_wrong_key()
    {
        using var missing = await PostAsync("/in/keyed");
        var problem = await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.Unauthorized);
        Assert.Equal("No credentials were sent. Send an API key in the X-Api-Key header or as 'Authorization: Bearer KEY'.", problem.GetProperty("detail").GetString());
        Assert.Equal("Bearer", Assert.Single(missing.Headers.WwwAuthenticate).Scheme);

        using var wrong = await PostAsync("/in/keyed", ("X-Api-Key", Key + "x"));
        problem = await ProblemAssert.IsProblemAsync(wrong, HttpStatusCode.Unauthorized);
        Assert.StartsWith("The API key is not one of the configured keys.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(_factory.Problems.IsEmpty, string.Join("\n", _factory.Problems));
    }

    [Theory]
    [InlineData("X-Api-Key", Key)]
    [InlineData("Authorization", "Bearer " + Key)]
    public async Task Api_key_input_accepts_the_key_in_either_header(string header, string value)
    {
        using var response = await PostAsync("/in/keyed", (header, value));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Convert_takes_a_key_configured_as_its_sha256_hash()
    {
        using var missing = await PostAsync("/convert");
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.Unauthorized);
        using var hashItself = await PostAsync("/convert", ("X-Api-Key", System.Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ConvertKey)))));
        await ProblemAssert.IsProblemAsync(hashItself, HttpStatusCode.Unauthorized);
        using var converted = await PostAsync("/convert", ("X-Api-Key", ConvertKey));
        Assert.Equal(HttpStatusCode.OK, converted.StatusCode);
    }

    [Fact]
    public async Task Input_without_auth_stays_open()
    {
        using var response = await PostAsync("/in/open");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Jwt_input_accepts_a_signed_token_with_the_claims_and_refuses_the_rest()
    {
        using var good = await PostAsync("/in/jwt", ("Authorization", "Bearer " + Token(Audience, SigningKey, ("scope", "ingest"))));
        Assert.Equal(HttpStatusCode.Accepted, good.StatusCode);

        using var noClaim = await PostAsync("/in/jwt", ("Authorization", "Bearer " + Token(Audience, SigningKey, ("scope", "read"))));
        var problem = await ProblemAssert.IsProblemAsync(noClaim, HttpStatusCode.Forbidden);
        Assert.Equal("The credentials do not carry the claims this endpoint requires.", problem.GetProperty("detail").GetString());

        using var otherAudience = await PostAsync("/in/jwt", ("Authorization", "Bearer " + Token("someone-else", SigningKey, ("scope", "ingest"))));
        await ProblemAssert.IsProblemAsync(otherAudience, HttpStatusCode.Unauthorized);

        using var otherKey = await PostAsync("/in/jwt", ("Authorization", "Bearer " + Token(Audience, SigningKey.ToUpperInvariant(), ("scope", "ingest"))));
        await ProblemAssert.IsProblemAsync(otherKey, HttpStatusCode.Unauthorized);

        using var apiKey = await PostAsync("/in/jwt", ("X-Api-Key", Key));
        await ProblemAssert.IsProblemAsync(apiKey, HttpStatusCode.Unauthorized);
    }

    private static string Token(string audience, string signingKey, params (string Type, string Value)[] claims) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Audience = audience,
            Issuer = "tests",
            Subject = new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)).Append(new Claim("sub", "device-7"))),
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });

    private async Task<HttpResponseMessage> PostAsync(string path, params (string Name, string Value)[] headers)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("""{"a":1}""", Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request);
    }
}
