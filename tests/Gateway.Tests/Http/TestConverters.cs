using System.Text.Json;
using Gateway.Core.Converters;
using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Http;

/// <summary>Converters and a broken format registered by host tests (the real converters land separately).</summary>
internal static class TestConverters
{
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton(new ConverterRegistration("Tag", typeof(TagOptions), (options, _) => new TagConverter(((TagOptions)options).Field)));
        services.AddSingleton(new ConverterRegistration("Reject", typeof(RejectOptions), (_, _) => new RejectConverter()));
    }

    public sealed class TagOptions
    {
        public string Field { get; set; } = "tagged";
    }

    public sealed class RejectOptions
    {
    }

    /// <summary>Adds <c>"field": true</c> to every record.</summary>
    private sealed class TagConverter(string field) : RecordConverter
    {
        protected override bool Transform(JsonElement record, Utf8JsonWriter writer, long index)
        {
            writer.WriteStartObject();
            foreach (var property in record.EnumerateObject())
            {
                property.WriteTo(writer);
            }

            writer.WriteBoolean(field, true);
            writer.WriteEndObject();
            return true;
        }
    }

    private sealed class RejectConverter : IMessageConverter
    {
        public void Convert(Message message, ICollection<Message> output) =>
            throw new MessageValidationException("the message failed validation", ["/a: must be a string"]);
    }
}

/// <summary>A format whose reader fails with an unexpected exception, to exercise the unhandled-exception handler.</summary>
internal sealed class BrokenFormat : DataFormat
{
    public override string Name => "Broken";

    public override IReadOnlyList<string> MediaTypes { get; } = ["application/x-broken"];

    public override IReadOnlyList<string> Extensions { get; } = [".broken"];

    public override IRecordReader CreateReader(Stream input, FormatOptions options) => throw new InvalidOperationException("broken on purpose");

    public override IRecordWriter CreateWriter(Stream output, FormatOptions options) => throw new InvalidOperationException("broken on purpose");
}
