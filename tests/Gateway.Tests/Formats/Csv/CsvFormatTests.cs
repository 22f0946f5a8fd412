using Gateway.Core.Configuration;
using Gateway.Core.Formats;
using Gateway.Formats.Csv;
using Gateway.Formats.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Formats.Csv;

public class CsvFormatTests
{
    [Fact]
    public void Describes_itself()
    {
        var format = new CsvFormat();
        Assert.Equal("Csv", format.Name);
        Assert.Equal(["text/csv", "application/csv"], format.MediaTypes);
        Assert.Equal([".csv", ".tsv"], format.Extensions);
    }

    [Fact]
    public void Add_csv_format_registers_it_by_name_media_type_and_extension()
    {
        var services = new ServiceCollection();
        services.AddGateway(new ConfigurationBuilder().Build()).AddCsvFormat();
        using var provider = services.BuildServiceProvider();
        var registry = provider.GetRequiredService<FormatRegistry>();

        Assert.IsType<CsvFormat>(registry.Get("csv"));
        Assert.True(registry.TryGetByMediaType("text/csv; charset=utf-8", out var byMediaType));
        Assert.IsType<CsvFormat>(byMediaType);
        Assert.True(registry.TryGetByMediaType("application/csv", out _));
        Assert.True(registry.TryGetByPath("/data/orders.CSV", out var byPath));
        Assert.IsType<CsvFormat>(byPath);
    }

    [Fact]
    public void Csv_to_json_and_back_through_the_converter()
    {
        var csv = new CsvFormat();
        var json = new JsonFormat();
        var options = new FormatOptions { InferTypes = true, Unflatten = true };

        var converted = Convert.Text("id,a.b,t.0\r\n1,x,2.50\r\n", csv, json, options);
        Assert.Equal("""[{"id":1,"a":{"b":"x"},"t":[2.50]}]""", converted);
        Assert.Equal("id,a.b,t.0\r\n1,x,2.50\r\n", Convert.Text(converted, json, csv, options));
    }

    [Fact]
    public void Converts_in_small_chunks_as_from_a_network_stream()
    {
        var text = "a,b\r\n\"1,\r\n2\",x\r\n3,y\r\n";
        Assert.Equal(Convert.Text(text, new CsvFormat(), new JsonFormat()), Convert.Text(text, new CsvFormat(), new JsonFormat(), chunkSize: 1));
    }
}
