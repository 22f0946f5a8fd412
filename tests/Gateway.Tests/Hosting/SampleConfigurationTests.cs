using Gateway.Hosting;

namespace Gateway.Tests.Hosting;

/// <summary>Every configuration the project ships (the embedded defaults and samples/configs) is valid as it is.</summary>
public sealed class SampleConfigurationTests
{
    public static TheoryData<string> SampleConfigs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "samples", "configs"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SampleConfigs))]
    public void Sample_config_is_valid(string name)
    {
        var configuration = GatewayConfiguration.BuildFromFile(Path.Combine(AppContext.BaseDirectory, "samples", "configs", name));

        Assert.Empty(GatewayConfigurationValidator.Validate(configuration));
    }

    [Fact]
    public void There_are_at_least_three_sample_scenarios()
    {
        Assert.True(SampleConfigs().Count >= 3);
    }

    [Fact]
    public void Embedded_defaults_are_valid_and_run_every_transport()
    {
        var defaults = GatewayConfiguration.LoadDefaults();

        Assert.Empty(GatewayConfigurationValidator.Validate(defaults));
        var types = defaults.GetSection("Gateway:Inputs").GetChildren().Select(i => i["Type"]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Superset(new HashSet<string?>(StringComparer.OrdinalIgnoreCase) { "Http", "Tcp", "Mqtt" }, types);
        Assert.Equal("True", defaults["Gateway:MqttBroker:Enabled"], ignoreCase: true);
    }
}
