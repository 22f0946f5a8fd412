// The dashboard's own tools: the screenshots in docs/ and the cost of a live tail, each against the real gateway
// started on free loopback ports. Usage:
//   dotnet run --project tools/Gateway.DashboardTool -- screenshots [FOLDER]   (default docs; needs chromium)
//   dotnet run -c Release --project tools/Gateway.DashboardTool -- tail-cost [SECONDS]   (default 10 per phase)
using System.Globalization;
using Gateway.DashboardTool;

return args switch
{
    ["screenshots"] => await Screenshots.RunAsync("docs"),
    ["screenshots", var folder] => await Screenshots.RunAsync(folder),
    ["tail-cost"] => await TailCost.RunAsync(10),
    ["tail-cost", var seconds] when int.TryParse(seconds, CultureInfo.InvariantCulture, out var s) && s is > 0 and <= 120 => await TailCost.RunAsync(s),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Gateway.DashboardTool screenshots [FOLDER] | tail-cost [SECONDS (1-120)]");
    return 2;
}
