using System.Text;
using Gateway.Core.Formats;
using Gateway.Formats.Csv;
using Gateway.Tests.Cli;
using static Gateway.Tests.Formats.Csv.CsvTest;

namespace Gateway.Tests.Formats.Csv;

/// <summary>Delimiter <c>auto</c> (the default of <c>gateway convert</c> and <c>POST /convert</c>) and <c>.tsv</c>.</summary>
public class CsvDelimiterSniffingTests
{
    private static readonly FormatOptions Auto = new() { Delimiter = FormatOptions.AutoDelimiter };

    [Theory]
    [InlineData("a,b\n1,2\n", ',')]
    [InlineData("a;b\n1,5;2,5\n", ';')]
    [InlineData("a\tb\tc\n1\t2,5\t3\n", '\t')]
    [InlineData("a|b\n\"x|y\"|2\n", '|')]
    [InlineData("name;note\n\"Ada, Countess\";\"a;b\"\n", ';')]
    [InlineData("only\n1\n", ',')]
    [InlineData("a;b;c", ';')]
    [InlineData("a,b\n1,2,3\n", ',')]
    public void Picks_the_delimiter_that_every_line_has_as_often(string csv, char expected)
    {
        Assert.Equal((byte)expected, CsvDelimiterSniffer.Pick(Encoding.UTF8.GetBytes(csv), endOfInput: true));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Auto_reads_a_semicolon_file_and_writes_commas(int chunkSize)
    {
        Assert.Equal(["{\"a\":\"1,5\",\"b\":\"x\"}"], Read("a;b\r\n1,5;x\r\n", Auto, chunkSize));
        Assert.Equal("a,b\r\n1,x\r\n", Write(Auto, """{"a":"1","b":"x"}"""));
    }

    [Fact]
    public void Auto_streams_an_input_longer_than_its_sample()
    {
        var csv = new StringBuilder("a;b\n");
        for (var i = 0; i < 20_000; i++)
        {
            csv.Append(i).Append(';').Append("x,y\n");
        }

        var records = Read(csv.ToString(), Auto);
        Assert.Equal(20_000, records.Count);
        Assert.Equal("{\"a\":\"19999\",\"b\":\"x,y\"}", records[^1]);
    }

    [Fact]
    public void A_row_split_on_the_wrong_delimiter_says_which_one_it_holds()
    {
        var comma = ReadError("a,b\n1,2,3\n", new FormatOptions());
        Assert.Equal(
            "Record 1 has 3 fields, but the header has 2. Every row needs one field per column; quote fields that contain the delimiter. (line 2)",
            comma.Message);

        var semicolon = ReadError("a,b\n1;5,2;5,x\n", new FormatOptions());
        Assert.Equal(
            "Record 1 has 3 fields, but the header has 2. Every row needs one field per column; quote fields that contain the delimiter, or set the delimiter: the row is split on ',' but holds ';' (--delimiter ';', or auto). (line 2)",
            semicolon.Message);
    }

    [Fact]
    public async Task Convert_sniffs_by_default_and_a_tsv_file_means_tab()
    {
        var sniffed = await CliRunner.RunAsync("a;b\n1;2\n", "convert", "--from", "csv", "--to", "ndjson");
        Assert.True(sniffed.ExitCode == 0, sniffed.ToString());
        Assert.Equal("{\"a\":\"1\",\"b\":\"2\"}\n", sniffed.Stdout);

        using var directory = new TempDirectory();
        var tsv = directory.File("out.tsv");
        var written = await CliRunner.RunAsync("""[{"a":"1,5","b":"x"}]""", "convert", "--from", "json", "-o", tsv);
        Assert.True(written.ExitCode == 0, written.ToString());
        Assert.Equal("a\tb\r\n1,5\tx\r\n", File.ReadAllText(tsv));

        var read = await CliRunner.RunAsync(string.Empty, "convert", "-i", tsv, "--to", "json");
        Assert.True(read.ExitCode == 0, read.ToString());
        Assert.Equal("""[{"a":"1,5","b":"x"}]""", read.Stdout);
    }
}
