namespace Gateway.Tests.Transports.Mqtt;

/// <summary>
/// A test that needs a real <c>mosquitto</c>: skipped with the reason when it is not installed, unless
/// <c>GATEWAY_REQUIRE_EXTERNAL=1</c> (CI), where it runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MosquittoFactAttribute : FactAttribute
{
    public MosquittoFactAttribute()
    {
        if (MosquittoBroker.FindExecutable() is null && Environment.GetEnvironmentVariable("GATEWAY_REQUIRE_EXTERNAL") != "1")
        {
            Skip = "mosquitto is not installed (apt-get install mosquitto); set GATEWAY_REQUIRE_EXTERNAL=1 to make this a failure.";
        }
    }
}
