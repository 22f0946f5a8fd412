using System.Globalization;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Folder;

/// <summary>Hot folders through the real program: a folder of CSV files in, a folder of XML files out, with one route.</summary>
public sealed class FolderFlowTests(ITestOutputHelper output) : IDisposable
{
    private const int Files = 1000;

    private readonly TempDirectory _data = new("gateway-ft-folder-");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_thousand_small_csv_files_become_a_thousand_xml_files_and_all_move_to_done()
    {
        var input = _data.Combine("in");
        var outFolder = _data.Combine("out");
        await using var gateway = await GatewayProcess.StartAsync(Config(input, outFolder), output);
        await gateway.WaitForLogAsync("Input erp watching", Timeouts.Start);

        Directory.CreateDirectory(input);
        for (var i = 0; i < Files; i++)
        {
            // The ERP's convention: write under a temporary name, rename when complete.
            var path = Path.Combine(input, Name(i) + ".csv");
            await File.WriteAllTextAsync(path + ".tmp", $"id;qty\n{i};{i % 7}\n{i}b;1\n");
            File.Move(path + ".tmp", path);
        }

        var done = Path.Combine(input, ".done");
        await Poll.UntilAsync(
            () => Count(outFolder, "*.xml") == Files && Count(done, "*.csv") == Files,
            TimeSpan.FromSeconds(90),
            () => $"{Count(outFolder, "*.xml")} of {Files} XML files written, {Count(done, "*.csv")} CSV files done\n{gateway.Output.Tail()}");

        for (var i = 0; i < Files; i++)
        {
            Assert.Equal(
                $"<orders><order><id>{i}</id><qty>{i % 7}</qty><source>{Name(i)}.csv</source></order><order><id>{i}b</id><qty>1</qty><source>{Name(i)}.csv</source></order></orders>",
                await File.ReadAllTextAsync(Path.Combine(outFolder, Name(i) + ".xml")));
        }

        Assert.Empty(Directory.GetFiles(input, "*.csv"));
        Assert.Empty(Directory.GetFiles(outFolder, ".gateway-*.spool"));
    }

    [Fact]
    public async Task A_malformed_file_lands_in_failed_with_its_error_and_the_good_ones_go_through()
    {
        var input = _data.Combine("in");
        var outFolder = _data.Combine("out");
        Directory.CreateDirectory(input);
        await File.WriteAllTextAsync(Path.Combine(input, "bad.csv"), "id;qty\n1;2\n\"3;4\n");
        await File.WriteAllTextAsync(Path.Combine(input, "good.csv"), "id;qty\n5;6\n");
        await using var gateway = await GatewayProcess.StartAsync(Config(input, outFolder), output);

        var error = Path.Combine(input, ".failed", "bad.csv.error.json");
        await Poll.UntilAsync(
            () => File.Exists(error) && File.Exists(Path.Combine(outFolder, "good.xml")),
            Timeouts.Delivery,
            () => gateway.Output.Tail());

        var text = await File.ReadAllTextAsync(error);
        Assert.Contains("\"file\": \"bad.csv\"", text, StringComparison.Ordinal);
        Assert.Contains("\"record\": 2", text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(input, ".failed", "bad.csv")));
        Assert.False(File.Exists(Path.Combine(outFolder, "bad.xml")));
    }

    private static string Config(string input, string outFolder) => $$"""
        { "Gateway": {
            "Inputs": { "erp": { "Type": "Folder", "Path": {{GatewayConfig.Quote(input)}}, "Pattern": "*.csv", "Delimiter": ";",
                                 "ReadyAfter": "00:00:00.200", "ScanInterval": "00:00:00.100" } },
            "Sinks": { "wms": { "Type": "File", "Folder": {{GatewayConfig.Quote(outFolder)}}, "Mode": "WholeFile", "Format": "Xml",
                                "RootElement": "orders", "ItemElement": "order" } },
            "Routes": { "orders": { "Input": "erp", "Sinks": [ "wms" ],
                                    "Converters": [ { "Type": "Set", "Fields": { "/source": "{meta:file.name}" } } ] } } } }
        """;

    private static string Name(int i) => "orders-" + i.ToString("D4", CultureInfo.InvariantCulture);

    private static int Count(string folder, string pattern) => Directory.Exists(folder) ? Directory.GetFiles(folder, pattern).Length : 0;
}
