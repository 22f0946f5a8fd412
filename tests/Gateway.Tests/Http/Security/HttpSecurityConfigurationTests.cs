using Gateway.Hosting;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Http.Security;

/// <summary>Bad Auth, RateLimit, Certificate and Admin settings are reported by config path, listing the known values.</summary>
public sealed class HttpSecurityConfigurationTests
{
    [Fact]
    public void Unknown_scheme_lists_the_known_ones()
    {
        Assert.Contains(
            "Gateway:Inputs:in:Auth:Scheme: unknown scheme 'Basic'. Known schemes: ApiKey, Jwt, Certificate.",
            Validate(Input(("Auth:Scheme", "Basic"))));
    }

    [Fact]
    public void Api_keys_must_be_long_or_well_formed_hashes()
    {
        var errors = Validate(Input(("Auth:Scheme", "ApiKey"), ("Auth:Keys:0", "short"), ("Auth:Keys:1", "sha256:abc")));
        Assert.Contains("Gateway:Inputs:in:Auth:Keys:0: a key must be at least 16 characters without leading or trailing spaces (or 'sha256:' and its SHA-256 hash).", errors);
        Assert.Contains("Gateway:Inputs:in:Auth:Keys:1: 'sha256:abc' is not 'sha256:' followed by 64 hex digits (the SHA-256 of the key, e.g. from 'printf %s KEY | sha256sum').", errors);
        Assert.Contains("Gateway:Inputs:in:Auth:Keys: the ApiKey scheme needs at least one key.", Validate(Input(("Auth:Scheme", "ApiKey"))));
    }

    [Fact]
    public void Jwt_needs_one_key_source_and_an_audience()
    {
        var errors = Validate(new() { ["Gateway:Http:ConvertAuth:Scheme"] = "Jwt", ["Gateway:Http:ConvertAuth:SigningKey"] = "too-short" });
        Assert.Contains("Gateway:Http:ConvertAuth:SigningKey: must be at least 32 bytes long.", errors);
        Assert.Contains("Gateway:Http:ConvertAuth:Audience: the Jwt scheme needs the audience tokens are issued for.", errors);
    }

    [Fact]
    public void Rate_limit_partition_and_certificate_files_are_checked()
    {
        var errors = Validate(new()
        {
            ["Gateway:Http:ConvertRateLimit:PartitionBy"] = "User",
            ["Gateway:Http:Certificate:Path"] = "/nonexistent/server.pem",
            ["Gateway:Admin:ProtectMetrics"] = "true",
        });
        Assert.Contains("Gateway:Http:ConvertRateLimit:PartitionBy: unknown partition 'User'. Known values: ClientAddress, Key.", errors);
        Assert.Contains("Gateway:Http:Certificate:Path: file '/nonexistent/server.pem' not found.", errors);
        Assert.Contains("Gateway:Admin:ProtectMetrics: needs an ApiKey: without one there is no key to protect /metrics and /readyz with.", errors);
    }

    [Fact]
    public void Certificate_scheme_needs_a_ca_or_thumbprints()
    {
        var errors = Validate(Input(("Auth:Scheme", "Certificate"), ("Auth:Thumbprints:0", "not-hex")));
        Assert.Contains("Gateway:Inputs:in:Auth:Thumbprints:0: 'not-hex' is not a SHA-256 (64 hex digits) or SHA-1 (40 hex digits) thumbprint.", errors);
        Assert.Contains("Gateway:Inputs:in:Auth:CaFile: the Certificate scheme needs a CaFile, Thumbprints, or both.", Validate(Input(("Auth:Scheme", "Certificate"))));
    }

    private static Dictionary<string, string?> Input(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Gateway:Inputs:in:Type"] = "Http",
            ["Gateway:Inputs:in:Path"] = "/in",
            ["Gateway:Sinks:out:Type"] = "Console",
            ["Gateway:Routes:r:Input"] = "in",
            ["Gateway:Routes:r:Sinks:0"] = "out",
        };
        foreach (var (key, value) in settings)
        {
            all["Gateway:Inputs:in:" + key] = value;
        }

        return all;
    }

    private static IReadOnlyList<string> Validate(Dictionary<string, string?> settings)
        => GatewayConfigurationValidator.Validate(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
}
