namespace Gateway.Bench.TcpLoad;

/// <summary>Keeps the first 64 KB a sink received, to show (and check) what arrived without storing everything.</summary>
internal sealed class HeadRecorder(string? path)
{
    private const int Limit = 64 * 1024;
    private readonly MemoryStream _head = new();
    private readonly Lock _gate = new();

    public void Record(ReadOnlySpan<byte> bytes)
    {
        if (path is null)
        {
            return;
        }

        lock (_gate)
        {
            var room = Limit - (int)_head.Length;
            if (room > 0)
            {
                _head.Write(bytes[..Math.Min(room, bytes.Length)]);
            }
        }
    }

    public void Save()
    {
        if (path is not null)
        {
            lock (_gate)
            {
                File.WriteAllBytes(path, _head.ToArray());
            }
        }
    }
}
