using Gateway.Transports.Nats;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Gateway.Tests.Transports.Nats;

/// <summary>How the Nats sink reads a JetStream publish acknowledgement: a duplicate is a message the stream has.</summary>
public class NatsSinkAckTests
{
    [Fact]
    public void A_stored_message_is_delivered()
    {
        NatsSink.EnsureStored(new PubAckResponse { Stream = "ORDERS", Seq = 7 });
    }

    [Fact]
    public void A_duplicate_ack_counts_as_delivered_so_a_retry_after_a_lost_ack_completes()
    {
        // The first publish was stored but its ack was lost; the retry with the same Nats-Msg-Id gets this answer.
        NatsSink.EnsureStored(new PubAckResponse { Stream = "ORDERS", Seq = 7, Duplicate = true });
    }

    [Fact]
    public void An_ack_with_an_error_is_not_delivered()
    {
        var refused = new PubAckResponse { Stream = "ORDERS", Error = new ApiError { Code = 503, ErrCode = 10077, Description = "maximum messages exceeded" } };
        var ex = Assert.Throws<NatsJSApiException>(() => NatsSink.EnsureStored(refused));
        Assert.Equal(503, ex.Error.Code);
    }
}
