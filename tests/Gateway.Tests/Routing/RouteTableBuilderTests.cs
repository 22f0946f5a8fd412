namespace Gateway.Tests.Routing;

public sealed class RouteTableBuilderTests
{
    [Fact]
    public void Lists_every_problem_by_its_config_path()
    {
        var errors = EngineHarness.Validate("""
            {
              "Inputs": {
                "in": { "Type": "Test", "Format": "Yaml" },
                "lonely": { "Type": "Test" },
                "odd": { "Type": "Carrier-Pigeon" }
              },
              "Sinks": {
                "out": { "Type": "Recording", "Colour": "blue", "Retry": { "MaxAttempts": -1 } },
                "typeless": { "Format": "Json" }
              },
              "Routes": {
                "orders": { "Input": "in", "Sinks": [ "out", "arhive" ], "DeadLetter": "nowhere", "Converters": [ { "Type": "Nope" } ] },
                "ghost": { "Input": "missing", "Sinks": [] }
              }
            }
            """);

        Assert.Contains(errors, e => e.StartsWith("Gateway:Inputs:in:Format: unknown format 'Yaml'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Gateway:Inputs:lonely: no route reads input 'lonely'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Gateway:Inputs:odd:Type: unknown input type 'Carrier-Pigeon'. Known types: Test", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Gateway:Sinks:out:Colour: unknown option 'Colour'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Gateway:Sinks:out:Retry:MaxAttempts:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Gateway:Sinks:typeless:Type: missing sink type", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Gateway:Routes:orders:Sinks:1: unknown sink 'arhive'. Known sinks: out, typeless", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Gateway:Routes:orders:DeadLetter: unknown sink 'nowhere'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Gateway:Routes:orders:Converters:0:Type: unknown converter type 'Nope'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Gateway:Routes:ghost:Input: unknown input 'missing'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Gateway:Routes:ghost:Sinks: a route needs at least one sink", StringComparison.Ordinal));
    }

    [Fact]
    public void Nested_options_are_checked_key_by_key_and_validated()
    {
        var errors = EngineHarness.Validate("""
            {
              "Inputs": { "in": { "Type": "Test" } },
              "Sinks": {
                "typo": { "Type": "Recording", "Retry": { "MaxAtempts": 3 } },
                "range": { "Type": "Recording", "Retry": { "MaxAttempts": -1 } }
              },
              "Routes": { "r": { "Input": "in", "Sinks": [ "typo", "range" ] } }
            }
            """);

        Assert.Equal(
            [
                "Gateway:Sinks:range:Retry:MaxAttempts: The field MaxAttempts must be between 0 and 2147483647.",
                "Gateway:Sinks:typo:Retry:MaxAtempts: unknown option 'MaxAtempts'. Known options: Delay, MaxAttempts, MaxDelay, MaxDuration.",
            ],
            errors);
    }

    [Fact]
    public void MaxInFlightBatches_is_1_to_64_and_more_than_1_only_for_sink_types_that_take_concurrent_batches()
    {
        var errors = EngineHarness.Validate("""
            {
              "Inputs": { "in": { "Type": "Test" } },
              "Sinks": {
                "stream": { "Type": "Batching", "MaxInFlightBatches": 2 },
                "zero": { "Type": "Held", "MaxInFlightBatches": 0 },
                "many": { "Type": "Held", "MaxInFlightBatches": 65 },
                "fine": { "Type": "Held", "MaxInFlightBatches": 64 },
                "one": { "Type": "Batching", "MaxInFlightBatches": 1 }
              },
              "Routes": { "r": { "Input": "in", "Sinks": [ "stream", "zero", "many", "fine", "one" ] } }
            }
            """);

        Assert.Equal(
            [
                "Gateway:Sinks:many:MaxInFlightBatches: The field MaxInFlightBatches must be between 1 and 64.",
                "Gateway:Sinks:stream:MaxInFlightBatches: a Batching sink takes one batch at a time; only these sink types take more: Held. Use 1 or remove the key.",
                "Gateway:Sinks:zero:MaxInFlightBatches: The field MaxInFlightBatches must be between 1 and 64.",
            ],
            errors.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_valid_configuration_has_no_problems()
    {
        var errors = EngineHarness.Validate("""
            {
              "Inputs": { "in": { "Type": "Test", "Format": "csv", "HasHeader": false, "Delimiter": ";" } },
              "Sinks": { "out": { "Type": "Recording", "FailTimes": 1, "Format": "Xml", "RootElement": "rows", "Retry": { "MaxAttempts": 0 } } },
              "Routes": { "r": { "Input": "in", "Sinks": [ "out" ], "Split": true } }
            }
            """);

        Assert.Empty(errors);
    }
}
