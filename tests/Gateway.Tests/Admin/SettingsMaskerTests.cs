using Gateway.Admin;

namespace Gateway.Tests.Admin;

public sealed class SettingsMaskerTests
{
    [Theory]
    [InlineData("Password", "hunter2", "***")]
    [InlineData("Auth:Keys:0", "abc", "***")]
    [InlineData("Headers:authorization", "Bearer x", "***")]
    [InlineData("Users:0:PasswordHash", "pbkdf2$...", "***")]
    [InlineData("Url", "amqp://guest:guest@127.0.0.1:5672/", "amqp://guest:***@127.0.0.1:5672/")]
    [InlineData("Url", "nats://a:b@h1:4222,nats://c:d@h2:4222", "nats://a:***@h1:4222,nats://c:***@h2:4222")]
    [InlineData("Url", "http://127.0.0.1:9000/orders", "http://127.0.0.1:9000/orders")]
    [InlineData("RoutingKey", "orders.created", "orders.created")]
    [InlineData("Topic", "sensors/+/data", "sensors/+/data")]
    public void Secrets_are_masked_and_other_settings_shown(string path, string value, string shown)
        => Assert.Equal(shown, SettingsMasker.MaskValue(path, value));
}
