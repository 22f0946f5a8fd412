using System.Text.Json.Serialization;

namespace Gateway.Http.Ingest;

/// <summary>The answer of an <c>Http</c> input: the message id and how many records its body held.</summary>
/// <param name="Id">The message id (UUIDv7), also in logs and dead letters.</param>
/// <param name="Records">The number of records in the body.</param>
/// <param name="Deliveries">With <c>?wait=true</c>: how many sink deliveries succeeded; otherwise null.</param>
public sealed record IngestAccepted(Guid Id, int Records, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Deliveries = null);
