namespace Gateway.FunctionalTests.Support;

/// <summary>
/// One RabbitMQ node for a whole test class, started by the first test that asks for it (so a class whose tests are
/// all skipped starts none) and killed when the class is done. Tests use queues of their own.
/// </summary>
public sealed class RabbitMqFixture : IAsyncLifetime
{
    private readonly Lock gate = new();
    private Task<RabbitMqProcess>? starting;

    /// <summary>The node, started on first use.</summary>
    public Task<RabbitMqProcess> GetAsync()
    {
        lock (gate)
        {
            return starting ??= RabbitMqProcess.StartAsync();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (starting is { IsCompletedSuccessfully: true } started)
        {
            await (await started).DisposeAsync();
        }
    }
}
