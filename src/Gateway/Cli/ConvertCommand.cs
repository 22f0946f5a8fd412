using System.CommandLine;
using Gateway.Core.Formats.Options;
using Gateway.Formats;

namespace Gateway.Cli;

/// <summary>
/// <c>gateway convert --from F --to F [--input FILE] [--output FILE] [format options]</c>: the command line. The
/// work is done by <see cref="ConvertVerb"/>.
/// </summary>
internal static class ConvertCommand
{
    public static Command Create(CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var from = new Option<string>("--from", "-f")
        {
            Description = "The input format (Json, Ndjson, Xml, Csv; any case). Default: from the input file's extension.",
            HelpName = "FORMAT",
        };
        var to = new Option<string>("--to", "-t")
        {
            Description = "The output format. Default: from the output file's extension.",
            HelpName = "FORMAT",
        };
        var input = new Option<string>("--input", "-i")
        {
            Description = "The file to read; standard input when omitted or '-'.",
            HelpName = "FILE",
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "The file to write (replaced only when the conversion succeeds); standard output when omitted or '-'.",
            HelpName = "FILE",
        };
        var config = new Option<string>("--config", "-c")
        {
            Description = "A configuration file whose Gateway:Pipelines can be used with --pipeline.",
            HelpName = "FILE",
        };
        var pipeline = new Option<string>("--pipeline", "-p")
        {
            Description = "Run the canonical JSON through the converter pipeline Gateway:Pipelines:<NAME> (held in memory).",
            HelpName = "NAME",
        };

        var command = new Command("convert", "Convert a document between formats, streaming record by record.")
        {
            from, to, input, output, config, pipeline,
        };
        var formatOptions = new List<(FormatOptionDescriptor Descriptor, Option Option)>();
        foreach (var definition in BuiltInFormats.Options.All)
        {
            Option option = definition.Kind switch
            {
                FormatOptionKind.Flag => new Option<bool>(definition.CliFlag) { Description = definition.Description },
                FormatOptionKind.List => new Option<string[]>(definition.CliFlag)
                {
                    Description = definition.Description,
                    HelpName = definition.HelpName,
                    AllowMultipleArgumentsPerToken = false,
                },
                _ => new Option<string>(definition.CliFlag) { Description = definition.Description, HelpName = definition.HelpName },
            };
            command.Add(option);
            formatOptions.Add((definition, option));
        }

        command.SetAction((parseResult, cancellationToken) =>
        {
            var values = new List<(FormatOptionDescriptor, string)>();
            foreach (var (definition, option) in formatOptions)
            {
                switch (option)
                {
                    case Option<bool> flag when parseResult.GetValue(flag):
                        values.Add((definition, definition.CliFlagValue));
                        break;
                    case Option<string[]> list when parseResult.GetValue(list) is { } items:
                        values.AddRange(items.Select(item => (definition, item)));
                        break;
                    case Option<string> text when parseResult.GetValue(text) is { } value:
                        values.Add((definition, value));
                        break;
                }
            }

            var request = new ConvertRequest(
                parseResult.GetValue(from),
                parseResult.GetValue(to),
                parseResult.GetValue(input),
                parseResult.GetValue(output),
                parseResult.GetValue(config),
                parseResult.GetValue(pipeline),
                values);
            // On a worker thread, so that Ctrl+C is handled even while a read blocks.
            return Task.Run(() => ConvertVerb.Run(request, streams, cancellationToken), CancellationToken.None);
        });
        return command;
    }
}
