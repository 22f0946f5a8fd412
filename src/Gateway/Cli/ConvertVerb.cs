using Gateway.Conversion;
using Gateway.Core.Configuration;
using Gateway.Core.Converters;
using Gateway.Core.Formats;
using Gateway.Core.Formats.Options;
using Gateway.Core.Messages;
using Gateway.Formats;
using Gateway.Formats.Csv;
using Gateway.Hosting;

namespace Gateway.Cli;

/// <summary>
/// Runs <c>gateway convert</c>: resolves the formats (by name or file extension), opens buffered streams (standard
/// input and output when no file is named) and streams the conversion. Output files are written beside the target
/// and moved over it only on success, so a failed run never leaves a half-written file behind.
/// </summary>
internal static class ConvertVerb
{
    private const string Verb = "convert";
    private const int BufferSize = 64 * 1024;

    public static int Run(ConvertRequest request, CliStreams streams, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(streams);
        var errors = new List<string>();
        var options = FormatOptionsBinder.Bind(request.FormatOptions, BuiltInFormats.Options, cli: true, errors);
        if (!request.FormatOptions.Any(o => o.Descriptor.ConfigKey == nameof(FormatOptions.Delimiter)) && IsTabSeparated(request))
        {
            options.Delimiter = "\t";
        }

        if (errors.Count > 0)
        {
            return Usage(streams, errors);
        }

        var services = new ServiceCollection();
        services.AddLogging();
        try
        {
            var configuration = request.ConfigFile is null
                ? new ConfigurationBuilder().Add(new DerivedConfigurationSource(GatewayConfiguration.LoadDefaults, _ => true)).AddEnvironmentVariables().Build()
                : GatewayConfiguration.BuildFromFile(request.ConfigFile);
            services.AddGatewayHost(configuration);
        }
        catch (GatewayConfigurationException ex)
        {
            return CliOutput.ConfigurationErrors(streams.Error, Verb, ex);
        }

        using var provider = services.BuildServiceProvider();
        var formats = provider.GetRequiredService<FormatRegistry>();
        if (!TryResolve(request.From, request.Input, "--from", "--input", formats, errors, out var from)
            | !TryResolve(request.To, request.Output, "--to", "--output", formats, errors, out var to))
        {
            return Usage(streams, errors);
        }

        if (!IsStandard(request.Input) && !IsStandard(request.Output)
            && string.Equals(Path.GetFullPath(request.Input!), Path.GetFullPath(request.Output!), StringComparison.Ordinal))
        {
            return Usage(streams, ["--input and --output name the same file; write to another file."]);
        }

        ConverterPipeline? pipeline = null;
        if (request.Pipeline is not null)
        {
            NamedPipelines pipelines;
            try
            {
                pipelines = provider.GetRequiredService<NamedPipelines>();
            }
            catch (GatewayConfigurationException ex)
            {
                return CliOutput.ConfigurationErrors(streams.Error, Verb, ex);
            }

            if (!pipelines.TryGet(request.Pipeline, out pipeline))
            {
                var known = pipelines.Names.Any() ? string.Join(", ", pipelines.Names) : "none are configured (use --config FILE)";
                return Usage(streams, [$"--pipeline: unknown pipeline '{request.Pipeline}'. Known pipelines: {known}."]);
            }
        }

        return Convert(request, streams, from!, to!, options, pipeline, formats, cancellationToken);
    }

    private static int Convert(
        ConvertRequest request, CliStreams streams, DataFormat from, DataFormat to, FormatOptions options, ConverterPipeline? pipeline, FormatRegistry formats, CancellationToken cancellationToken)
    {
        var inputName = IsStandard(request.Input) ? "stdin" : request.Input!;
        Stream source;
        try
        {
            source = IsStandard(request.Input)
                ? streams.Input
                : new FileStream(request.Input!, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed(streams, $"cannot read '{inputName}': {ex.Message}");
        }

        string? temporary = null;
        Stream? output = null;
        try
        {
            if (IsStandard(request.Output))
            {
                output = new BufferedStream(new NonClosingStream(streams.Output), BufferSize);
            }
            else
            {
                var target = Path.GetFullPath(request.Output!);
                temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
                output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize);
            }

            using var cancelled = cancellationToken.Register(() => TryDelete(temporary));
            if (options.HeaderPolicy == CsvHeaderPolicy.Union && source.CanSeek && pipeline is null && to.Name == FormatNames.Csv)
            {
                options = ScanColumns(source, from, options, cancellationToken);
            }

            using var input = new CancellableReadStream(source, cancellationToken);
            var written = ConversionRunner.Run(input, from, output, to, options, pipeline, formats, out var received);
            output.Dispose();
            if (ConversionRunner.DroppedAllNote(request.Pipeline, received, written) is { } note)
            {
                CliOutput.Error(streams.Error, Verb, "note: " + note);
            }

            if (temporary is not null)
            {
                File.Move(temporary, request.Output!, overwrite: true);
                temporary = null;
            }

            return ExitCodes.Success;
        }
        catch (FormatReadException ex)
        {
            return Failed(streams, ex.Location is null ? $"{ex.Message} ({inputName})" : ex.Message);
        }
        catch (ConverterException ex)
        {
            return Failed(streams, $"pipeline '{request.Pipeline}' rejected the input: {ex.Message} ({inputName})");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed(streams, $"{ex.Message} ({inputName} -> {request.Output ?? "stdout"})");
        }
        catch (OperationCanceledException)
        {
            CliOutput.Error(streams.Error, Verb, $"interrupted; {(request.Output is null ? "the output is incomplete" : "no output file was written")}.");
            return ExitCodes.Interrupted;
        }
        finally
        {
            if (!ReferenceEquals(source, streams.Input))
            {
                source.Dispose();
            }

            output?.Dispose();
            TryDelete(temporary);
        }
    }

    /// <summary>
    /// The first pass of <see cref="CsvHeaderPolicy.Union"/> over a file: every column, so that the second pass
    /// streams with that list instead of holding the records in memory.
    /// </summary>
    private static FormatOptions ScanColumns(Stream source, DataFormat from, FormatOptions options, CancellationToken cancellationToken)
    {
        var scanned = options.Clone();
        using (var input = new CancellableReadStream(source, cancellationToken))
        using (var reader = from.CreateReader(input, options))
        {
            scanned.HeaderColumns = CsvColumnScan.Union(reader, options);
        }

        source.Position = 0;
        scanned.HeaderPolicy = scanned.HeaderColumns.Count > 0 ? CsvHeaderPolicy.Columns : CsvHeaderPolicy.Union;
        return scanned;
    }

    private static bool TryResolve(string? name, string? path, string flag, string fileFlag, FormatRegistry formats, List<string> errors, out DataFormat? format)
    {
        var known = string.Join(", ", formats.All.Select(f => f.Name));
        if (name is not null)
        {
            if (formats.TryGet(name.Trim(), out format))
            {
                return true;
            }

            errors.Add($"{flag}: unknown format '{name}'. Known formats: {known}.");
            return false;
        }

        if (!IsStandard(path) && formats.TryGetByPath(path, out format))
        {
            return true;
        }

        format = null;
        var extensions = string.Join(", ", formats.All.SelectMany(f => f.Extensions));
        errors.Add(IsStandard(path)
            ? $"{flag} is required with {(fileFlag == "--input" ? "standard input" : "standard output")}. Known formats: {known}."
            : $"{flag} is required: the extension of '{path}' names no format (known extensions: {extensions}).");
        return false;
    }

    /// <summary>
    /// A .tsv file means tab, when it is the only CSV side: converting .tsv to .csv (or back) keeps sniffing the
    /// input and writes commas, as one delimiter serves both sides.
    /// </summary>
    private static bool IsTabSeparated(ConvertRequest request)
    {
        static bool Tsv(string? path) => string.Equals(Path.GetExtension(path), ".tsv", StringComparison.OrdinalIgnoreCase);
        static bool Csv(string? path, string? format) =>
            string.Equals(format, FormatNames.Csv, StringComparison.OrdinalIgnoreCase) || string.Equals(Path.GetExtension(path), ".csv", StringComparison.OrdinalIgnoreCase);
        return (Tsv(request.Input) && !Csv(request.Output, request.To)) || (Tsv(request.Output) && !Csv(request.Input, request.From));
    }

    private static bool IsStandard(string? path) => string.IsNullOrEmpty(path) || path == "-";

    private static int Usage(CliStreams streams, IEnumerable<string> errors)
    {
        foreach (var error in errors)
        {
            CliOutput.Error(streams.Error, Verb, error);
        }

        CliOutput.Error(streams.Error, Verb, "run 'gateway convert --help' for usage.");
        return ExitCodes.Usage;
    }

    private static int Failed(CliStreams streams, string message)
    {
        CliOutput.Error(streams.Error, Verb, message);
        return ExitCodes.Failed;
    }

    private static void TryDelete(string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a temporary file we cannot delete is not worth hiding the real error for.
        }
    }
}
