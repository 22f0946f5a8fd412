namespace Gateway.FunctionalTests.Support;

/// <summary>
/// A fact that needs a real RabbitMQ: skipped, with the reason, when rabbitmq-server is not installed, unless
/// <c>GATEWAY_REQUIRE_EXTERNAL=1</c> (CI), where it runs and fails clearly instead.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresRabbitMqFactAttribute : FactAttribute
{
    public RequiresRabbitMqFactAttribute()
    {
        if (RabbitMqProcess.Executable is null && !ExternalPrograms.Required)
        {
            Skip = $"rabbitmq-server is not installed (apt-get install -y rabbitmq-server); set {ExternalPrograms.RequireVariable}=1 to fail instead of skipping.";
        }
    }
}
