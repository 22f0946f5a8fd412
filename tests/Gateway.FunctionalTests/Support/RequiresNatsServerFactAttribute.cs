namespace Gateway.FunctionalTests.Support;

/// <summary>
/// A fact that needs a real nats-server: skipped, with the reason, when it is not installed, unless
/// <c>GATEWAY_REQUIRE_EXTERNAL=1</c> (CI), where it runs and fails clearly instead.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresNatsServerFactAttribute : FactAttribute
{
    public RequiresNatsServerFactAttribute()
    {
        if (NatsServerProcess.Executable is null && !ExternalPrograms.Required)
        {
            Skip = $"nats-server is not installed (apt-get install -y nats-server); set {ExternalPrograms.RequireVariable}=1 to fail instead of skipping.";
        }
    }
}
