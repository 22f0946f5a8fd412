using System.Text.Json;

namespace Gateway.Tests;

/// <summary>
/// Strict structural JSON comparison for tests: same kinds, object properties in the same order, numbers with the
/// same literal text. Reports the JSON path of the first difference.
/// </summary>
internal static class JsonStructure
{
    public static void AssertEqual(string expected, string actual)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        var difference = FindDifference(e.RootElement, a.RootElement, "$");
        Assert.True(difference is null, $"{difference}\nexpected: {expected}\nactual:   {actual}");
    }

    public static string? FindDifference(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: expected {expected.ValueKind}, got {actual.ValueKind}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedProperties = expected.EnumerateObject().ToList();
                var actualProperties = actual.EnumerateObject().ToList();
                for (var i = 0; i < Math.Max(expectedProperties.Count, actualProperties.Count); i++)
                {
                    if (i >= expectedProperties.Count)
                    {
                        return $"{path}: unexpected property '{actualProperties[i].Name}'";
                    }

                    if (i >= actualProperties.Count)
                    {
                        return $"{path}: missing property '{expectedProperties[i].Name}'";
                    }

                    if (expectedProperties[i].Name != actualProperties[i].Name)
                    {
                        return $"{path}: property {i} is '{actualProperties[i].Name}', expected '{expectedProperties[i].Name}'";
                    }

                    var inner = FindDifference(expectedProperties[i].Value, actualProperties[i].Value, $"{path}['{expectedProperties[i].Name}']");
                    if (inner is not null)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var expectedItems = expected.EnumerateArray().ToList();
                var actualItems = actual.EnumerateArray().ToList();
                if (expectedItems.Count != actualItems.Count)
                {
                    return $"{path}: expected {expectedItems.Count} items, got {actualItems.Count}";
                }

                for (var i = 0; i < expectedItems.Count; i++)
                {
                    var inner = FindDifference(expectedItems[i], actualItems[i], $"{path}[{i}]");
                    if (inner is not null)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.String:
                return expected.GetString() == actual.GetString() ? null : $"{path}: expected \"{expected.GetString()}\", got \"{actual.GetString()}\"";
            case JsonValueKind.Number:
                return expected.GetRawText() == actual.GetRawText() ? null : $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
            default:
                return null;
        }
    }
}
