using Gateway.Core.Messages;

namespace Gateway.Tests.Core;

/// <summary>Metadata is shared between derived messages and copied on write: a change never shows in another message.</summary>
public sealed class MetadataDictionaryTests
{
    [Fact]
    public void A_derived_message_sees_its_source_metadata_and_changes_on_either_side_stay_there()
    {
        var source = new Message("[1]"u8.ToArray(), FormatNames.Json, "in") { Metadata = new Dictionary<string, string> { ["Topic"] = "a/b" } };
        var derived = source.WithBody("[2]"u8.ToArray(), FormatNames.Json);
        Assert.Equal("a/b", derived.Metadata["TOPIC"]);

        derived.Metadata["topic"] = "c";
        derived.Metadata["extra"] = "1";
        Assert.Equal("a/b", source.Metadata["topic"]);
        Assert.False(source.Metadata.ContainsKey("extra"));

        source.Metadata.Remove("Topic");
        Assert.Equal("c", derived.Metadata["topic"]);
        Assert.Empty(source.Metadata);
        Assert.Equal(2, derived.Metadata.Count);
    }

    [Fact]
    public void Messages_given_one_metadata_instance_each_get_their_own_view()
    {
        var connection = new MetadataDictionary { ["remote"] = "127.0.0.1:5000" };
        var first = new Message("1"u8.ToArray(), FormatNames.Json, "in") { Metadata = connection };
        var second = new Message("2"u8.ToArray(), FormatNames.Json, "in") { Metadata = connection };

        first.Metadata["remote"] = "changed";
        first.Metadata.Clear();
        Assert.Equal("127.0.0.1:5000", second.Metadata["REMOTE"]);
        Assert.Equal("127.0.0.1:5000", connection["remote"]);
        Assert.Empty(first.Metadata);

        connection["local"] = "x";
        Assert.False(second.Metadata.ContainsKey("local"));
    }

    [Fact]
    public void A_case_sensitive_dictionary_becomes_case_insensitive_and_a_case_insensitive_one_is_taken_over()
    {
        var given = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["A"] = "1" };
        var message = new Message("1"u8.ToArray(), FormatNames.Json, "in") { Metadata = given };
        given["b"] = "2";
        Assert.Equal("2", message.Metadata["B"]);

        var sensitive = new Message("1"u8.ToArray(), FormatNames.Json, "in") { Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["Key"] = "v" } };
        Assert.Equal("v", sensitive.Metadata["KEY"]);
        Assert.Contains(new KeyValuePair<string, string>("Key", "v"), sensitive.Metadata);
    }
}
