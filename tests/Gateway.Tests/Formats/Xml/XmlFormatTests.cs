using Gateway.Core.Configuration;
using Gateway.Core.Formats;
using Gateway.Formats.Xml;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Formats.Xml;

public class XmlFormatTests
{
    [Fact]
    public void Names_its_media_types_and_extension()
    {
        var format = new XmlFormat();
        Assert.Equal("Xml", format.Name);
        Assert.Equal(["application/xml", "text/xml"], format.MediaTypes);
        Assert.Equal([".xml"], format.Extensions);
    }

    [Fact]
    public void AddXmlFormat_registers_it_by_name_media_type_and_extension()
    {
        var services = new ServiceCollection();
        services.AddGateway(new ConfigurationBuilder().Build()).AddXmlFormat();
        using var provider = services.BuildServiceProvider();
        var registry = provider.GetRequiredService<FormatRegistry>();

        Assert.IsType<XmlFormat>(registry.Get("xml"));
        Assert.True(registry.TryGetByMediaType("text/xml; charset=utf-8", out var byMediaType));
        Assert.IsType<XmlFormat>(byMediaType);
        Assert.True(registry.TryGetByMediaType("application/atom+xml", out var bySuffix));
        Assert.IsType<XmlFormat>(bySuffix);
        Assert.True(registry.TryGetByPath("/data/orders.XML", out var byPath));
        Assert.IsType<XmlFormat>(byPath);
    }

    [Fact]
    public void The_reader_leaves_the_input_stream_open()
    {
        var input = new MemoryStream("<a/>"u8.ToArray());
        using (var reader = new XmlFormat().CreateReader(input, new FormatOptions()))
        {
            Assert.True(reader.TryRead(out _));
            Assert.False(reader.TryRead(out _));
        }

        Assert.True(input.CanRead);
    }

    [Fact]
    public void The_writer_leaves_the_output_stream_open()
    {
        var output = new MemoryStream();
        using (var writer = new XmlFormat().CreateWriter(output, new FormatOptions()))
        {
            writer.Begin(false);
            writer.Write("{\"a\":1}"u8);
            writer.Complete();
        }

        Assert.True(output.CanWrite);
    }
}
