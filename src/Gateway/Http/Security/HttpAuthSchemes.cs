namespace Gateway.Http.Security;

/// <summary>The names <see cref="HttpAuthOptions.Scheme"/> takes, matched without regard to case.</summary>
public static class HttpAuthSchemes
{
    public const string ApiKey = "ApiKey";

    public const string Jwt = "Jwt";

    public const string Certificate = "Certificate";

    public static IReadOnlyList<string> All { get; } = [ApiKey, Jwt, Certificate];

    /// <summary>The canonical name of <paramref name="scheme"/>, or null when it is not one.</summary>
    public static string? Find(string? scheme) => All.FirstOrDefault(s => string.Equals(s, scheme, StringComparison.OrdinalIgnoreCase));
}
