using Gateway.Cli;

return await GatewayCli.RunAsync(args, Console.OpenStandardInput(), Console.OpenStandardOutput(), Console.Error);

/// <summary>The entry point; public so tests can host the application with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
#pragma warning disable CA1515 // WebApplicationFactory<Program> in the test assembly needs a public entry point type.
public partial class Program;
#pragma warning restore CA1515
