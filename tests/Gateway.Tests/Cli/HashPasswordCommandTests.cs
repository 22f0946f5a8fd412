using Gateway.Core.Security;

namespace Gateway.Tests.Cli;

public class HashPasswordCommandTests
{
    [Fact]
    public async Task Prints_a_hash_of_the_first_line_of_stdin()
    {
        var result = await CliRunner.RunAsync("pass word\nignored\n", "hash-password", "--iterations", "10000");

        Assert.Equal(0, result.ExitCode);
        var hash = result.Stdout.TrimEnd('\n');
        Assert.True(PasswordHash.Verify("pass word", hash), result.ToString());
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public async Task Without_a_password_it_exits_2_with_the_way_to_give_one()
    {
        var result = await CliRunner.RunAsync(string.Empty, "hash-password");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "gateway hash-password: no password on standard input; pipe one in, for example: printf '%s' \"$PASSWORD\" | gateway hash-password",
            Assert.Single(result.StderrLines));
    }

    [Fact]
    public async Task Refuses_too_few_iterations()
    {
        var result = await CliRunner.RunAsync("pw\n", "hash-password", "--iterations", "1000");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("gateway hash-password: --iterations: 1000 is out of range; use 10000 to 10000000.", Assert.Single(result.StderrLines));
    }
}
