namespace Gateway.Tests.Transports.Folder;

public sealed class FolderInputOptionsTests
{
    [Theory]
    [InlineData("""{ "Type": "Folder" }""", "Gateway:Inputs:in:Path: Path is required: the folder to watch, such as in/orders.")]
    [InlineData("""{ "Type": "Folder", "Path": "in", "Pattern": "sub/*.csv" }""", "Gateway:Inputs:in:Pattern: 'sub/*.csv': 'sub/*.csv' is a path; Pattern matches file names only (use Recursive for subfolders).")]
    [InlineData("""{ "Type": "Folder", "Path": "in", "Pattern": " ; " }""", "Gateway:Inputs:in:Pattern: ' ; ': Pattern needs at least one file-name pattern, such as *.csv.")]
    [InlineData("""{ "Type": "Folder", "Path": "in", "ReadyAfter": "-00:00:01" }""", "Gateway:Inputs:in:ReadyAfter: ReadyAfter cannot be negative (it is -00:00:01).")]
    [InlineData("""{ "Type": "Folder", "Path": "in", "ScanInterval": "00:00:00" }""", "Gateway:Inputs:in:ScanInterval: ScanInterval must be at least 00:00:00.010 (it is 00:00:00).")]
    public void Bad_options_are_reported_by_config_path(string section, string expected)
        => Assert.Equal([expected], FolderTestHost.Errors(section));

    [Fact]
    public void A_minimal_section_is_valid() => Assert.Empty(FolderTestHost.Errors("""{ "Type": "Folder", "Path": "in" }"""));
}
