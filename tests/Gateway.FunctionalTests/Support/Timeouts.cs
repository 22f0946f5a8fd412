namespace Gateway.FunctionalTests.Support;

/// <summary>
/// Upper bounds for every wait in the functional tests. They are generous (a loaded CI machine is slow) because a
/// bound only decides how long a broken build takes to fail; a passing test never waits for one.
/// </summary>
public static class Timeouts
{
    /// <summary>Until a started process is listening.</summary>
    public static readonly TimeSpan Start = TimeSpan.FromSeconds(60);

    /// <summary>Until a message went through the gateway to its destination.</summary>
    public static readonly TimeSpan Delivery = TimeSpan.FromSeconds(20);

    /// <summary>One network operation (connect, send, subscribe).</summary>
    public static readonly TimeSpan Operation = TimeSpan.FromSeconds(10);

    /// <summary>Until a process asked to stop has exited.</summary>
    public static readonly TimeSpan Stop = TimeSpan.FromSeconds(15);
}
