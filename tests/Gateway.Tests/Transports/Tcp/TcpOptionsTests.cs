using Gateway.Core.Configuration;
using Gateway.Transports.Tcp;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Transports.Tcp;

/// <summary>The input and sink options bound from configuration, and every problem reported by its config path.</summary>
public class TcpOptionsTests
{
    [Fact]
    public void A_full_input_section_binds()
    {
        var options = Bind<TcpInputOptions>(
            ("Port", "5020"), ("Host", "::"), ("Framing", "Delimiter"), ("FrameDelimiter", @"\r\n"), ("MaxFrameBytes", "4096"), ("MaxConnections", "10"));

        Assert.Equal(5020, options.Port);
        Assert.Equal("::", options.Host);
        Assert.Equal(Framing.Delimiter, options.Framing);
        Assert.Equal("\r\n"u8.ToArray(), options.DelimiterBytes());
        Assert.Equal(4096, options.MaxFrameBytes);
        Assert.Equal(10, options.MaxConnections);
    }

    [Fact]
    public void Input_defaults_are_NewLine_on_127_0_0_1_with_1_MiB_frames_and_1000_connections()
    {
        var options = Bind<TcpInputOptions>(("Port", "0"));

        Assert.Equal(Framing.NewLine, options.Framing);
        Assert.Equal("127.0.0.1", options.Host);
        Assert.Equal(1024 * 1024, options.MaxFrameBytes);
        Assert.Equal(1000, options.MaxConnections);
        Assert.Equal(4, options.LengthPrefixBytes);
        Assert.Equal(Endianness.Big, options.LengthPrefixEndian);
        Assert.False(options.LengthPrefixIncludesSelf);
    }

    [Fact]
    public void A_full_sink_section_binds()
    {
        var options = Bind<TcpSinkOptions>(
            ("Host", "archive.local"), ("Port", "7000"), ("Framing", "LengthPrefix"), ("LengthPrefixBytes", "2"), ("LengthPrefixEndian", "Little"),
            ("LengthPrefixIncludesSelf", "true"), ("ConnectTimeout", "00:00:02"));

        Assert.Equal(("archive.local", 7000, Framing.LengthPrefix, 2, Endianness.Little, true, TimeSpan.FromSeconds(2)),
            (options.Host, options.Port, options.Framing, options.LengthPrefixBytes, options.LengthPrefixEndian, options.LengthPrefixIncludesSelf, options.ConnectTimeout));
    }

    [Theory]
    [InlineData("Host", "example.com", "Gateway:Inputs:in:Host: 'example.com' is not an IP address to listen on")]
    [InlineData("Port", "70000", "Gateway:Inputs:in:Port: The field Port must be between 0 and 65535.")]
    [InlineData("LengthPrefixBytes", "3", "Gateway:Inputs:in:LengthPrefixBytes: 3 is not a length prefix size; use 1, 2, 4 or 8 (bytes).")]
    [InlineData("FrameDelimiter", @"\n", "Gateway:Inputs:in:FrameDelimiter: FrameDelimiter only applies to Framing Delimiter, and Framing is NewLine.")]
    [InlineData("MaxFrameBytes", "0", "Gateway:Inputs:in:MaxFrameBytes:")]
    [InlineData("MaxConnections", "0", "Gateway:Inputs:in:MaxConnections:")]
    [InlineData("Framing", "Lines", "Gateway:Inputs:in")]
    public void Input_problems_name_their_option(string key, string value, string expected)
    {
        var errors = Errors<TcpInputOptions>(("Port", "1"), (key, value));

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "Framing Delimiter needs a FrameDelimiter; this one is empty")]
    [InlineData(@"\q", @"unknown escape \q at position 1")]
    [InlineData(@"ab\", "lone backslash")]
    [InlineData(@"\x1", @"\x at position 1 without two hex digits")]
    [InlineData(@"\xZZ", @"\x at position 1 without two hex digits")]
    public void A_bad_FrameDelimiter_says_why(string? delimiter, string expected)
    {
        var settings = new List<(string, string)> { ("Port", "1"), ("Framing", "Delimiter") };
        if (delimiter is not null)
        {
            settings.Add(("FrameDelimiter", delimiter));
        }

        var error = Assert.Single(Errors<TcpInputOptions>([.. settings]));

        Assert.StartsWith("Gateway:Inputs:in:FrameDelimiter: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_delimiter_longer_than_64_bytes_is_refused()
    {
        var error = Assert.Single(Errors<TcpInputOptions>(("Port", "1"), ("Framing", "Delimiter"), ("FrameDelimiter", new string('-', 65))));

        Assert.Contains("65 bytes long; a delimiter has at most 64", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(@"\n", new byte[] { 10 })]
    [InlineData(@"\r\n", new byte[] { 13, 10 })]
    [InlineData(@"\0", new byte[] { 0 })]
    [InlineData(@"\x1E", new byte[] { 0x1E })]
    [InlineData(@"\x1e\t", new byte[] { 0x1E, 9 })]
    [InlineData(@"\\|", new byte[] { (byte)'\\', (byte)'|' })]
    [InlineData("\u001e", new byte[] { 0x1E })]
    [InlineData("§", new byte[] { 0xC2, 0xA7 })]
    [InlineData("END", new byte[] { (byte)'E', (byte)'N', (byte)'D' })]
    public void FrameDelimiter_escapes(string text, byte[] bytes)
    {
        var options = Bind<TcpInputOptions>(("Port", "1"), ("Framing", "Delimiter"), ("FrameDelimiter", text));

        Assert.Equal(bytes, options.DelimiterBytes());
    }

    [Theory]
    [InlineData("Host", "", "Gateway:Sinks:out:Host:")]
    [InlineData("Host", "http://x", "Gateway:Sinks:out:Host: 'http://x' is not a host name or IP address")]
    [InlineData("Port", "0", "Gateway:Sinks:out:Port: The field Port must be between 1 and 65535.")]
    [InlineData("ConnectTimeout", "00:00:00", "Gateway:Sinks:out:ConnectTimeout: 00:00:00 is not a connect timeout")]
    [InlineData("LengthPrefixEndian", "Middle", "Gateway:Sinks:out")]
    public void Sink_problems_name_their_option(string key, string value, string expected)
    {
        var errors = Errors<TcpSinkOptions>(("Host", "127.0.0.1"), ("Port", "7000"), (key, value));

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Port_is_required_for_both()
    {
        Assert.Contains(Errors<TcpInputOptions>(), e => e.StartsWith("Gateway:Inputs:in:Port: The Port field is required.", StringComparison.Ordinal));
        Assert.Contains(Errors<TcpSinkOptions>(("Host", "::1")), e => e.StartsWith("Gateway:Sinks:out:Port: The Port field is required.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    [InlineData("localhost")]
    public void Input_hosts(string host) => Assert.Equal(host, Bind<TcpInputOptions>(("Port", "0"), ("Host", host)).Host);

    private static T Bind<T>(params (string Key, string Value)[] settings)
    {
        var errors = new List<string>();
        var options = OptionsBinder.Bind(typeof(T), Section<T>(settings), errors, "Type");
        Assert.Empty(errors);
        return (T)options!;
    }

    private static List<string> Errors<T>(params (string Key, string Value)[] settings)
    {
        var errors = new List<string>();
        Assert.Null(OptionsBinder.Bind(typeof(T), Section<T>(settings), errors, "Type"));
        return errors;
    }

    private static IConfigurationSection Section<T>((string Key, string Value)[] settings)
    {
        var path = typeof(T) == typeof(TcpInputOptions) ? "Gateway:Inputs:in" : "Gateway:Sinks:out";
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { [$"{path}:Type"] = "Tcp" };
        foreach (var (key, value) in settings)
        {
            values[$"{path}:{key}"] = value; // A later value wins, as in layered configuration.
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return configuration.GetSection(path);
    }
}
