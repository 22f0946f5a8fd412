using Gateway.Core.Messages;

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

    [Fact]
    public void A_valid_configuration_builds_the_table_it_describes()
    {
        var (table, errors) = EngineHarness.Build("""
            {
              "Inputs": { "in": { "Type": "test", "Format": "csv" }, "raw": { "Type": "Test" } },
              "Sinks": { "out": { "Type": "Recording" }, "xml": { "Type": "Recording", "Format": "xml" } },
              "Routes": {
                "one": { "Input": "in", "Sinks": "out" },
                "many": { "Input": "RAW", "Sinks": [ "out", "OUT", "xml" ], "DeadLetter": "xml", "Split": true }
              }
            }
            """);

        Assert.Empty(errors);
        Assert.NotNull(table);

        // Formats take the registry's spelling; a sink without one writes JSON, an input without one takes the message's.
        Assert.Equal(FormatNames.Csv, table.Inputs["in"].Format);
        Assert.Null(table.Inputs["raw"].Format);
        Assert.Equal(FormatNames.Json, table.Sinks["out"].Format.Name);
        Assert.Equal(FormatNames.Xml, table.Sinks["xml"].Format.Name);

        var one = table.Routes["one"];
        Assert.Equal(("Gateway:Routes:one", "in", null), (one.Path, one.Input, one.DeadLetter));
        Assert.Equal(["out"], one.Sinks);
        Assert.Empty(one.Pipeline.StepNames);

        // A sink named twice (in any case) gets each message once; Split runs after the route's converters.
        var many = table.Routes["many"];
        Assert.Equal(("RAW", "xml"), (many.Input, many.DeadLetter));
        Assert.Equal(["out", "xml"], many.Sinks);
        Assert.Equal(["Split"], many.Pipeline.StepNames);
        Assert.Equal([many], table.RoutesOf("raw"));
        Assert.Equal([one], table.RoutesOf("IN"));
        Assert.NotEqual(one.Fingerprint, many.Fingerprint);
    }

    [Fact]
    public void Sections_that_are_not_objects_are_named_and_known_ids_are_listed_in_order()
    {
        var (table, errors) = EngineHarness.Build("""
            {
              "Inputs": "in",
              "Sinks": { "out": "Recording" },
              "Routes": { "r": { "Sinks": [ "out" ] } }
            }
            """);

        Assert.Null(table);
        Assert.Equal(
            [
                "Gateway:Inputs: expected an object keyed by id, found 'in'.",
                "Gateway:Sinks:out: expected an object with a \"Type\", found 'Recording'.",
                "Gateway:Routes:r:Input: a route needs the id of the input it reads. Known inputs: (none).",
            ],
            errors);

        Assert.Equal(
            [
                "Gateway:Routes:r:Input: unknown input 'c'. Known inputs: a, b.",
                "Gateway:Routes:r:Sinks: unknown sink 'd'. Known sinks: out.",
            ],
            EngineHarness.Validate("""
                {
                  "Inputs": { "b": { "Type": "Test" }, "a": { "Type": "Test" } },
                  "Sinks": { "out": { "Type": "Recording" } },
                  "Routes": { "r": { "Input": "c", "Sinks": "d" }, "s": { "Input": "a", "Sinks": [ "out" ] }, "t": { "Input": "b", "Sinks": [ "out" ] } }
                }
                """));
    }
}
