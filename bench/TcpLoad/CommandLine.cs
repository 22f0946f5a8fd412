namespace Gateway.Bench.TcpLoad;

/// <summary>The verb and <c>--name value</c> options of the command line.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> _options;

    private CommandLine(string verb, Dictionary<string, string> options)
    {
        Verb = verb;
        _options = options;
    }

    public string Verb { get; }

    public static CommandLine Parse(string[] args)
    {
        if (args.Length == 0)
        {
            throw new ArgumentException("no verb given");
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected '--name value' at '{args[i]}'");
            }

            options[args[i][2..]] = args[i + 1];
        }

        return new CommandLine(args[0], options);
    }

    public static int Usage(string error)
    {
        Console.Error.WriteLine($"tcpload: {error}. Verbs: generate --mb N --output FILE | sink --lines N [--warm W] [--timeout S] [--head FILE] | send --port P --input FILE | relay --to-port P | js-publish --url U --stream S --subject SUBJ --input FILE [--batch B] [--id-prefix P] [--warmup FILE] | js-count --url U --stream S --count N [--warm W] [--timeout S]");
        return 2;
    }

    public string Text(string name) =>
        _options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

    public string? Optional(string name) => _options.GetValueOrDefault(name);

    public long Number(string name, long? fallback = null) =>
        _options.TryGetValue(name, out var value) ? long.Parse(value) : fallback ?? throw new ArgumentException($"--{name} is required");
}
