namespace Gateway.FunctionalTests.Support;

/// <summary>
/// A fact that needs a real mosquitto: skipped, with the reason, when mosquitto is not installed, unless
/// <c>GATEWAY_REQUIRE_EXTERNAL=1</c> (CI), where it runs and fails clearly instead.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresMosquittoFactAttribute : FactAttribute
{
    public RequiresMosquittoFactAttribute()
    {
        if (MosquittoProcess.Executable is null && !ExternalPrograms.Required)
        {
            Skip = $"mosquitto is not installed (apt-get install -y mosquitto mosquitto-clients); set {ExternalPrograms.RequireVariable}=1 to fail instead of skipping.";
        }
    }
}
