using System.CommandLine;
using System.Text;
using Gateway.Core.Security;

namespace Gateway.Cli;

/// <summary>
/// <c>gateway hash-password</c>: reads a password from the first line of standard input and prints its hash for
/// <c>PasswordHash</c> settings (the embedded broker's users). The password is never an argument, so it stays out of
/// the shell history and the process list: <c>printf '%s' "$PW" | gateway hash-password</c>.
/// </summary>
internal static class HashPasswordCommand
{
    public static Command Create(CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var iterations = new Option<int>("--iterations")
        {
            Description = $"PBKDF2 iterations (default: {PasswordHash.DefaultIterations}); more is slower to check and to guess.",
            HelpName = "N",
            DefaultValueFactory = _ => PasswordHash.DefaultIterations,
        };
        var command = new Command("hash-password", "Read a password from standard input and print its PBKDF2 hash for a PasswordHash setting.") { iterations };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var count = parseResult.GetValue(iterations);
            if (count is < 10_000 or > 10_000_000)
            {
                CliOutput.Error(streams.Error, "hash-password", $"--iterations: {count} is out of range; use 10000 to 10000000.");
                return ExitCodes.Usage;
            }

            using var reader = new StreamReader(streams.Input, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, leaveOpen: true);
            var password = await reader.ReadLineAsync(cancellationToken);
            if (string.IsNullOrEmpty(password))
            {
                CliOutput.Error(streams.Error, "hash-password", "no password on standard input; pipe one in, for example: printf '%s' \"$PASSWORD\" | gateway hash-password");
                return ExitCodes.Usage;
            }

            await parseResult.InvocationConfiguration.Output.WriteLineAsync(PasswordHash.Create(password, count));
            return ExitCodes.Success;
        });
        return command;
    }
}
