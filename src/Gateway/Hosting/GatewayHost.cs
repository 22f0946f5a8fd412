using System.Text.Json.Serialization;
using Gateway.Admin;
using Gateway.Cli;
using Gateway.Core.Configuration;
using Gateway.Dashboard;
using Gateway.Http;
using Gateway.Http.Health;
using Gateway.Http.Ingest;
using Gateway.Http.OpenApi;
using Gateway.Http.Security;
using Gateway.Telemetry;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>
/// The HTTP host: builds the web application (configuration, services, middleware, endpoints) and runs it.
/// Listens on <see cref="DefaultUrl"/> unless an address is configured the ASP.NET Core way (<c>--urls</c>,
/// <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>, <c>Kestrel:Endpoints</c>).
/// </summary>
internal static class GatewayHost
{
    /// <summary>The address used when none is configured.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>Builds the application from the ASP.NET Core <paramref name="args"/> and an optional <c>--config</c> file.</summary>
    public static WebApplication Build(string[] args, string? configFile) => Build(args, configFile, startLog: null);

    private static WebApplication Build(string[] args, string? configFile, HostStartLog? startLog)
    {
        // The appsettings files of the working directory are read once: ASP.NET Core would watch the whole tree below
        // it, which holds the data folder (the durable log, file sinks), for every write. The --config file is watched.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"] });
        configFile ??= GatewayConfiguration.ConfigFileFrom(builder.Configuration);
        GatewayConfiguration.Apply(builder.Configuration, configFile);
        var gateway = builder.Configuration.GetSection(GatewayConfiguration.SectionName);
        if (!HasAddress(builder.Configuration))
        {
            builder.WebHost.UseUrls(HttpsConfiguration.CertificateOf(gateway) is null ? DefaultUrl : HttpsConfiguration.DefaultHttpsUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureGatewayHttps(gateway));
        startLog?.AddTo(builder.Logging);

        builder.Services.AddGatewayHost(builder.Configuration);
        if (configFile is not null)
        {
            builder.Services.AddConfigurationReload(Path.GetFullPath(configFile));
        }
        builder.Services.AddGatewayTelemetry(builder.Configuration.GetSection(GatewayConfiguration.SectionName));
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailsDefaults.Customize);
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddGatewayOpenApi();
        builder.Services.AddGatewayAdmin(gateway, builder.Services.AddGatewayHttpSecurity(gateway));
        builder.Services.AddHostedService<ExposedListenerWarning>();

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ProblemDetailsDefaults.StatusCodeOf,
            SuppressDiagnosticsCallback = ClientFaults.Suppress,
        });
        // Endpoints that write every error with its own body (POST /convert) skip the status code pages middleware
        // altogether: it would do nothing for them but cost a feature and an items dictionary per request.
        app.UseWhen(
            context => context.GetEndpoint()?.Metadata.GetMetadata<ISkipStatusCodePagesMetadata>() is null,
            branch => branch.UseStatusCodePages());

        // The rate limiter before authentication, so that failed attempts count too.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseReferencePagePolicy(GatewayOpenApi.ReferencePath);
        app.MapGatewayOpenApi();
        app.MapGatewayTelemetry();
        app.MapHealthApi();
        app.MapConvertApi();
        app.MapIngestApi();
        app.MapAdminApi();
        app.MapDashboard();
        return app;
    }

    /// <summary>Builds, validates and runs the host until it is stopped; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, string? configFile, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        WebApplication app;
        var startLog = new HostStartLog();
        try
        {
            app = Build(args, configFile, startLog);
        }
        catch (GatewayConfigurationException ex)
        {
            return CliOutput.ConfigurationErrors(stderr, "serve", ex);
        }

        await using (app)
        {
            try
            {
                app.Services.GetRequiredService<GatewaySnapshot>(); // validated once; the services run what was validated
            }
            catch (GatewayConfigurationException ex)
            {
                return CliOutput.ConfigurationErrors(stderr, "serve", ex);
            }

            try
            {
                await app.StartAsync();
            }
            catch (OptionsValidationException ex)
            {
                return CliOutput.ConfigurationErrors(stderr, "serve", [.. ex.Failures]);
            }
            catch (IOException ex)
            {
                CliOutput.Error(stderr, "serve", $"cannot start: {HostStartLog.Describe(ex)}");
                return ExitCodes.Failed;
            }
            catch (OperationCanceledException)
            {
                return ExitCodes.Success; // stopped (Ctrl+C, SIGTERM) while starting: what it started is stopped again
            }

            startLog.Started();
            await app.WaitForShutdownAsync();
        }

        return ExitCodes.Success;
    }

    private static bool HasAddress(ConfigurationManager configuration) =>
        !string.IsNullOrWhiteSpace(configuration["urls"])
        || !string.IsNullOrWhiteSpace(configuration["http_ports"])
        || !string.IsNullOrWhiteSpace(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").Exists();
}
