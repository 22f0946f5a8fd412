using Gateway.Bench.TcpLoad;

// Load tool of the end-to-end TCP and JetStream benchmarks (bench/e2e/s2-tcp-ndjson-csv.sh, s5-jetstream.sh). Verbs:
//   generate --mb N --output FILE           writes N MB of NDJSON order lines, prints the line count
//   sink --lines N [--warm W] [--timeout S] [--head F]
//                                           listens on 127.0.0.1:0, prints "listening on IP:PORT", counts lines and
//                                           bytes, prints "warm W UNIX_MS" when W lines arrived, "done LINES BYTES
//                                           UNIX_MS" when N lines arrived (and saves the first 64 KB received to F,
//                                           to check what arrived)
//   send --port P --input FILE              connects to 127.0.0.1:P, prints "start UNIX_MS", sends the file, closes
//   relay --to-port P                       listens on 127.0.0.1:0, relays each connection to 127.0.0.1:P (the
//                                           reference: moving the same bytes with no gateway in between)
//   js-publish --url U --stream S --subject SUBJ --input FILE [--batch B] [--id-prefix P] [--warmup FILE]
//                                           publishes each line to JetStream as the Nats sink does (B acks
//                                           outstanding per batch; --warmup lines first, untimed); prints
//                                           "start UNIX_MS" and "published LINES MS MSG_PER_S"
//   js-count --url U --stream S --count N [--warm W] [--timeout S]
//                                           waits until the stream holds N messages; prints "warm W UNIX_MS" and
//                                           "done MESSAGES UNIX_MS"
try
{
    var arguments = CommandLine.Parse(args);
    return arguments.Verb switch
    {
        "generate" => NdjsonGenerator.Run(arguments),
        "sink" => await LineCountingSink.RunAsync(arguments),
        "send" => await FileSender.RunAsync(arguments),
        "relay" => await TcpRelay.RunAsync(arguments),
        "js-publish" => await JetStreamPublisher.RunAsync(arguments),
        "js-count" => await JetStreamCounter.RunAsync(arguments),
        _ => CommandLine.Usage($"unknown verb '{arguments.Verb}'"),
    };
}
catch (ArgumentException ex)
{
    return CommandLine.Usage(ex.Message);
}
