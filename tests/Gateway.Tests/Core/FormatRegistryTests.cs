using Gateway.Core.Formats;

namespace Gateway.Tests.Core;

public class FormatRegistryTests
{
    [Fact]
    public void Empty_registry_knows_no_format()
    {
        var registry = new FormatRegistry([]);
        Assert.False(registry.TryGet("Json", out _));
    }
}
