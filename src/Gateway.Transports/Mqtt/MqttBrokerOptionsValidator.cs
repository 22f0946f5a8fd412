using Gateway.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Gateway.Transports.Mqtt;

/// <summary>Validates <see cref="MqttBrokerOptions"/> at startup; each failure names its config path (<c>Gateway:MqttBroker:Port: ...</c>).</summary>
internal sealed class MqttBrokerOptionsValidator(string path) : IValidateOptions<MqttBrokerOptions>
{
    public ValidateOptionsResult Validate(string? name, MqttBrokerOptions options)
    {
        var errors = new List<string>();
        OptionsBinder.Validate(options, path, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
