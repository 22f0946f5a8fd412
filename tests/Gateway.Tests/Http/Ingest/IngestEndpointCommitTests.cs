using Gateway.Core.Converters;
using Gateway.Core.Formats;
using Gateway.Core.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Tests.Http.Ingest;

/// <summary>
/// What <see cref="Gateway.Http.Ingest.IngestEndpoint"/> answers for each outcome of the dispatch: 202 only once the
/// message is stored, 503 when it cannot be, and with <c>?wait=true</c> what the sinks did. The dispatcher is a
/// <see cref="ScriptedDispatcher"/>, so each test holds or fails the commit and the delivery itself.
/// </summary>
public sealed class IngestEndpointCommitTests
{
    private readonly IngestEndpointHarness _host = new();

    [Fact]
    public async Task Accepted_is_answered_only_once_the_message_is_stored()
    {
        var handling = _host.HandleAsync(_host.Post("""{"a":1}"""));

        // Up to the commit everything is synchronous here (a body in memory, a dispatcher that answers at once): a
        // handler that does not wait for the durable commit has answered 202 already, for a message a crash loses.
        Assert.Single(_host.Dispatcher.Dispatched);
        Assert.False(handling.IsCompleted, "202 was answered before the message was stored");

        _host.Dispatcher.Commit.SetResult();
        var accepted = IngestEndpointHarness.Accepted(await handling);
        Assert.Equal((_host.Dispatcher.Single.Id, 1, (int?)null), (accepted.Id, accepted.Records, accepted.Deliveries));
        Assert.Equal(DispatchOptions.RefuseInvalid, Assert.Single(_host.Dispatcher.Dispatched).Options);
    }

    [Fact]
    public async Task The_answer_carries_the_record_count_of_the_receipt()
    {
        _host.Dispatcher.Records = 7;

        var accepted = IngestEndpointHarness.Accepted(await _host.StoredAsync(_host.Post("[]")));

        Assert.Equal(7, accepted.Records);
    }

    public static TheoryData<Exception> StoreFailures => new()
    {
        new IOException("The gateway stopped before the buffer could store the message."),
        new ObjectDisposedException("GatewayBuffer"),
    };

    [Theory]
    [MemberData(nameof(StoreFailures))]
    public async Task A_message_that_could_not_be_stored_is_503_and_must_be_sent_again(Exception failure)
    {
        _host.Dispatcher.Commit.SetException(failure);
        var context = _host.Post("""{"a":1}""");

        var problem = IngestEndpointHarness.Problem(await _host.HandleAsync(context), StatusCodes.Status503ServiceUnavailable);

        Assert.Equal($"Message {_host.Dispatcher.Single.Id} could not be stored in time ({failure.Message}); send it again.", problem.Detail);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        Assert.True(_host.Log.Contains("Input orders: the buffer cannot take the message now, answered 503"));
    }

    [Fact]
    public async Task A_commit_that_takes_longer_than_the_wait_timeout_is_503()
    {
        _host.Options.WaitTimeout = TimeSpan.FromMilliseconds(20); // the commit is never released

        var problem = IngestEndpointHarness.Problem(await _host.HandleAsync(_host.Post("{}")), StatusCodes.Status503ServiceUnavailable);

        Assert.Equal($"Message {_host.Dispatcher.Single.Id} could not be stored in time (The operation has timed out.); send it again.", problem.Detail);
    }

    [Fact]
    public async Task Another_commit_failure_is_not_hidden_as_a_503()
    {
        _host.Dispatcher.Commit.SetException(new InvalidOperationException("a bug"));

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => _host.HandleAsync(_host.Post("{}")));

        Assert.Equal("a bug", thrown.Message);
    }

    [Fact]
    public async Task Wait_answers_200_with_the_deliveries_only_once_every_sink_acknowledged()
    {
        _host.Dispatcher.Commit.SetResult();
        var handling = _host.HandleAsync(_host.Post("{}", "?wait=true"));

        Assert.Equal(DispatchOptions.RefuseInvalid | DispatchOptions.TrackDelivery, Assert.Single(_host.Dispatcher.Dispatched).Options);
        Assert.False(handling.IsCompleted, "200 was answered before the sinks acknowledged the message");

        _host.Dispatcher.Delivery.SetResult(new DeliveryReport(3, []));
        var ok = Assert.IsType<Ok<Gateway.Http.Ingest.IngestAccepted>>(await handling);
        Assert.Equal(new Gateway.Http.Ingest.IngestAccepted(_host.Dispatcher.Single.Id, 1, 3), ok.Value);
    }

    [Fact]
    public async Task Wait_answers_504_when_the_sinks_take_longer_than_the_wait_timeout()
    {
        _host.Options.WaitTimeout = TimeSpan.FromMilliseconds(250);
        _host.Dispatcher.Commit.SetResult(); // the delivery is never reported

        var problem = IngestEndpointHarness.Problem(await _host.HandleAsync(_host.Post("{}", "?wait=true")), StatusCodes.Status504GatewayTimeout);

        var id = _host.Dispatcher.Single.Id;
        Assert.Equal($"Not every sink acknowledged message {id} within 0.25 s. It stays queued and will be delivered or dead-lettered.", problem.Detail);
        Assert.Equal(id, problem.Extensions["id"]);
    }

    [Fact]
    public async Task Wait_answers_422_when_a_route_could_not_convert_the_message()
    {
        DeliveryFailure failure = new("orders", null, "convert", "no field 'total'", "/dead/1.json");
        _host.Dispatcher.Delivery.SetResult(new DeliveryReport(0, [failure]));

        var problem = IngestEndpointHarness.Problem(await _host.StoredAsync(_host.Post("{}", "?wait=true")), StatusCodes.Status422UnprocessableEntity);

        Assert.Equal("Route 'orders' could not convert the message: no field 'total'. It was dead-lettered to /dead/1.json.", problem.Detail);
        Assert.Equal(_host.Dispatcher.Single.Id, problem.Extensions["id"]);
        Assert.Equal([failure], (IReadOnlyList<DeliveryFailure>)problem.Extensions["failures"]!);
    }

    [Theory]
    [InlineData("/dead/2.json", "It was dead-lettered to /dead/2.json.")]
    [InlineData(null, "It could not be dead-lettered.")]
    public async Task Wait_answers_502_naming_the_first_sink_that_failed(string? deadLetter, string ending)
    {
        DeliveryFailure failed = new("orders", "store", "send", "refused", deadLetter);
        DeliveryFailure other = new("orders", "archive", "send", "down", null);
        _host.Dispatcher.Delivery.SetResult(new DeliveryReport(1, [failed, other]));

        var problem = IngestEndpointHarness.Problem(await _host.StoredAsync(_host.Post("{}", "?wait=true")), StatusCodes.Status502BadGateway);

        Assert.Equal($"Sink 'store' of route 'orders' failed: refused. {ending}", problem.Detail);
        Assert.Equal("store", problem.Extensions["sink"]);
        Assert.Equal([failed, other], (IReadOnlyList<DeliveryFailure>)problem.Extensions["failures"]!);
    }

    [Fact]
    public async Task A_stopping_gateway_answers_503_and_dispatches_nothing()
    {
        await _host.Input.StopAsync(CancellationToken.None);
        var context = _host.Post("{}");

        var problem = IngestEndpointHarness.Problem(await _host.StoredAsync(context), StatusCodes.Status503ServiceUnavailable);

        Assert.Equal("The gateway is stopping and takes no more messages.", problem.Detail);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        Assert.Empty(_host.Dispatcher.Dispatched);
    }

    [Theory]
    [InlineData(null, "The routes of input 'orders' are full; retry later.")]
    [InlineData("No route reads input 'orders' any more.", "No route reads input 'orders' any more.")]
    public async Task Routes_without_room_answer_503_with_the_reason(string? refusal, string detail)
    {
        _host.Dispatcher.Full = true;
        _host.Dispatcher.Refusal = refusal;
        var context = _host.Post("{}");

        var problem = IngestEndpointHarness.Problem(await _host.HandleAsync(context), StatusCodes.Status503ServiceUnavailable);

        Assert.Equal(detail, problem.Detail);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        Assert.True(_host.Log.Contains("Input orders: the buffer cannot take the message now, answered 503"));
    }

    [Fact]
    public async Task A_gateway_that_began_stopping_during_the_dispatch_answers_503_with_its_reason()
    {
        _host.Dispatcher.Throws = new InvalidOperationException("The gateway is stopping.");

        var problem = IngestEndpointHarness.Problem(await _host.HandleAsync(_host.Post("{}")), StatusCodes.Status503ServiceUnavailable);

        Assert.Equal("The gateway is stopping.", problem.Detail);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("line 2, column 3")]
    public async Task A_body_the_format_cannot_read_is_400_with_its_position_when_known(string? position)
    {
        var unreadable = new FormatReadException("Unexpected end.", position);
        _host.Dispatcher.Throws = unreadable;

        var problem = IngestEndpointHarness.Problem(await _host.HandleAsync(_host.Post("{")), StatusCodes.Status400BadRequest);

        Assert.Equal($"The Json body cannot be read: {unreadable.Message} Nothing was stored.", problem.Detail);
        Assert.Equal(_host.Dispatcher.Single.Id, problem.Extensions["id"]);
        Assert.Equal("Json", problem.Extensions["format"]);
        Assert.Equal(position, problem.Extensions.TryGetValue("position", out var found) ? found : null);
        Assert.Equal(position is null ? 2 : 3, problem.Extensions.Count);
    }

    [Fact]
    public async Task A_body_a_converter_refuses_is_422_and_kept_among_the_recent_failures()
    {
        _host.Dispatcher.Throws = new ConverterException("field 'total' is missing.");

        var problem = IngestEndpointHarness.Problem(await _host.HandleAsync(_host.Post("""{"a":1}""")), StatusCodes.Status422UnprocessableEntity);

        var id = _host.Dispatcher.Single.Id;
        const string Detail = "The message was refused by a route's converters: field 'total' is missing. Nothing was stored.";
        Assert.Equal(Detail, problem.Detail);
        Assert.Equal(id, problem.Extensions["id"]);
        var failure = Assert.Single(_host.Failures.Snapshot());
        Assert.Equal((id, "-", "orders", (string?)null, "refused", $"422: {Detail}", (string?)null), (failure.MessageId, failure.Route, failure.Input, failure.Sink, failure.Stage, failure.Error, failure.DeadLetter));
        Assert.Equal(("""{"a":1}""", (long?)7), (failure.BodyStart, failure.BodyLength));
        Assert.True(_host.Log.Contains($"Input orders: refused message {id} with 422; it was not stored (the sender has it): {Detail}"));
    }
}
