using System.CommandLine;
using Gateway.Core.Configuration;
using Gateway.Hosting;

namespace Gateway.Cli;

/// <summary>
/// <c>gateway validate --config FILE</c>: loads the file (and environment variables, as <c>serve</c> would), checks
/// the whole <c>Gateway</c> section and prints every problem by its config path, or <c>configuration is valid</c>.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var config = new Option<string>("--config", "-c")
        {
            Description = "The configuration file to check.",
            HelpName = "FILE",
            Required = true,
        };
        var command = new Command("validate", "Check a configuration file and list every problem by its config path.") { config };
        command.SetAction(parseResult =>
        {
            var file = parseResult.GetRequiredValue(config);
            IReadOnlyList<string> errors;
            try
            {
                errors = GatewayConfigurationValidator.Validate(GatewayConfiguration.BuildFromFile(file));
            }
            catch (GatewayConfigurationException ex)
            {
                return CliOutput.ConfigurationErrors(streams.Error, "validate", ex);
            }

            if (errors.Count > 0)
            {
                return CliOutput.ConfigurationErrors(streams.Error, "validate", errors);
            }

            parseResult.InvocationConfiguration.Output.WriteLine("configuration is valid");
            return ExitCodes.Success;
        });
        return command;
    }
}
