using Gateway.Core.Security;

namespace Gateway.Tests.Core.Security;

public class PasswordHashTests
{
    [Fact]
    public void A_hash_verifies_its_password_only_and_carries_its_format_and_iterations()
    {
        var hash = PasswordHash.Create("s3cret", iterations: 10_000);

        Assert.StartsWith("$pbkdf2-sha256$v=1$i=10000$", hash, StringComparison.Ordinal);
        Assert.True(PasswordHash.Verify("s3cret", hash));
        Assert.False(PasswordHash.Verify("s3cret ", hash));
        Assert.False(PasswordHash.Verify(string.Empty, hash));
        Assert.NotEqual(hash, PasswordHash.Create("s3cret", iterations: 10_000)); // a fresh salt each time
    }

    [Theory]
    [InlineData("s3cret", "not a password hash of a known format")]
    [InlineData("$pbkdf2-sha256$v=1$i=5$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "a malformed password hash")]
    [InlineData("$pbkdf2-sha256$v=1$i=10000$!!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "a malformed password hash")]
    [InlineData("$pbkdf2-sha256$v=1$i=10000$AAAAAAAAAAAAAAAAAAAAAA", "a malformed password hash")]
    public void A_malformed_hash_is_reported_and_never_verifies(string hash, string error)
    {
        Assert.False(PasswordHash.IsValid(hash, out var message));
        Assert.StartsWith(error, message, StringComparison.Ordinal);
        Assert.False(PasswordHash.Verify("s3cret", hash));
    }
}
