namespace Gateway.FunctionalTests.Support;

/// <summary>
/// A fact that drives the Debian <c>chromium</c> with Playwright: skipped, with the reason, when chromium is not
/// installed, unless <c>GATEWAY_REQUIRE_EXTERNAL=1</c> (CI), where it runs and fails clearly instead.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresChromiumFactAttribute : FactAttribute
{
    /// <summary>The chromium executable (<c>CHROMIUM_PATH</c>, else <c>chromium</c> on the PATH), or null.</summary>
    public static string? Executable { get; } = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path
        ? path
        : ExternalPrograms.Find("chromium") ?? ExternalPrograms.Find("chromium-browser");

    public RequiresChromiumFactAttribute()
    {
        if (Executable is null && !ExternalPrograms.Required)
        {
            Skip = $"chromium is not installed (apt-get install -y chromium); set {ExternalPrograms.RequireVariable}=1 to fail instead of skipping.";
        }
    }
}
