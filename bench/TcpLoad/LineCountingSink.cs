using System.Net;
using System.Net.Sockets;

namespace Gateway.Bench.TcpLoad;

/// <summary>
/// Accepts connections and counts the lines and bytes they send, until the expected number of lines arrived. With
/// <c>--warm W</c> it also prints <c>warm W UNIX_MS</c> once the first W lines arrived (the end of a warm-up).
/// </summary>
internal static class LineCountingSink
{
    public static async Task<int> RunAsync(CommandLine arguments)
    {
        var expected = arguments.Number("lines");
        var warm = arguments.Number("warm", 0);
        var timeout = TimeSpan.FromSeconds(arguments.Number("timeout", 300));
        var head = new HeadRecorder(arguments.Optional("head"));
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(16);
        Console.WriteLine($"listening on {listener.LocalEndPoint}");
        long lines = 0;
        long bytes = 0;
        using var done = new CancellationTokenSource(timeout);
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task ReadAsync(Socket connection)
        {
            using (connection)
            {
                var buffer = new byte[1 << 16];
                while (!done.IsCancellationRequested)
                {
                    int read;
                    try
                    {
                        read = await connection.ReceiveAsync(buffer, SocketFlags.None, done.Token);
                    }
                    catch (Exception ex) when (ex is SocketException or OperationCanceledException)
                    {
                        return;
                    }

                    if (read == 0)
                    {
                        return;
                    }

                    head.Record(buffer.AsSpan(0, read));
                    var newLines = buffer.AsSpan(0, read).Count((byte)'\n');
                    Interlocked.Add(ref bytes, read);
                    var total = Interlocked.Add(ref lines, newLines);
                    if (warm > 0 && total >= warm && total - newLines < warm)
                    {
                        Console.WriteLine($"warm {warm} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
                    }

                    if (total >= expected)
                    {
                        finished.TrySetResult();
                    }
                }
            }
        }

        _ = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                try
                {
                    var connection = await listener.AcceptAsync(done.Token);
                    _ = ReadAsync(connection);
                }
                catch (Exception ex) when (ex is SocketException or OperationCanceledException)
                {
                    return;
                }
            }
        });

        try
        {
            await finished.Task.WaitAsync(done.Token);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine($"timeout {Interlocked.Read(ref lines)} of {expected} lines, {Interlocked.Read(ref bytes)} bytes after {timeout.TotalSeconds} s");
            return 1;
        }

        head.Save();
        Console.WriteLine($"done {Interlocked.Read(ref lines)} {Interlocked.Read(ref bytes)} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
        await done.CancelAsync();
        return 0;
    }
}
