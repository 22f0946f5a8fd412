namespace Gateway.Http.Security;

/// <summary>The names of the authentication schemes the gateway registers: one per secured input, one for <c>/convert</c>, two for the admin surface.</summary>
internal static class HttpAuthSchemeNames
{
    public const string Convert = "convert";

    public const string AdminCookie = "admin-cookie";

    public const string AdminKey = "admin-key";

    public static string ForInput(string inputId) => "input:" + inputId;
}
