using Gateway.Hosting;
using Gateway.Http.Ingest;

namespace Gateway.Http.Security;

/// <summary>
/// Reads the <c>Auth</c> sections out of the configuration before the services are built, so that each becomes an
/// ASP.NET Core authentication scheme. Sections that do not bind are skipped here: the configuration check reports them.
/// </summary>
internal static class HttpAuthConfiguration
{
    /// <summary>Every configured scheme: <c>Gateway:Http:ConvertAuth</c> and each <c>Http</c> input's <c>Auth</c>, by scheme name.</summary>
    public static IEnumerable<(string Name, HttpAuthOptions Auth)> Schemes(IConfigurationSection gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        if (TryBind(gateway.GetSection(GatewayConfigurationValidator.HttpSection).GetSection("ConvertAuth")) is { } convert)
        {
            yield return (HttpAuthSchemeNames.Convert, convert);
        }

        foreach (var input in gateway.GetSection(Core.Routing.RouteTableBuilder.InputsSection).GetChildren())
        {
            if (string.Equals(input["Type"], IngestApi.InputType, StringComparison.OrdinalIgnoreCase)
                && TryBind(input.GetSection(nameof(HttpInputOptions.Auth))) is { } auth)
            {
                yield return (HttpAuthSchemeNames.ForInput(input.Key), auth);
            }
        }
    }

    private static HttpAuthOptions? TryBind(IConfigurationSection section)
    {
        if (!section.Exists())
        {
            return null;
        }

        try
        {
            var auth = section.Get<HttpAuthOptions>();
            return HttpAuthSchemes.Find(auth?.Scheme) is null ? null : auth;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
