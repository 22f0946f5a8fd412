namespace Gateway.Core.Routing;

/// <summary>How a message's deliveries ended: every failure names its route and sink.</summary>
public sealed class DeliveryReport
{
    public DeliveryReport(int deliveries, IReadOnlyList<DeliveryFailure> failures)
    {
        Deliveries = deliveries;
        Failures = failures ?? throw new ArgumentNullException(nameof(failures));
    }

    /// <summary>How many sink deliveries succeeded.</summary>
    public int Deliveries { get; }

    public IReadOnlyList<DeliveryFailure> Failures { get; }

    public bool Succeeded => Failures.Count == 0;
}
