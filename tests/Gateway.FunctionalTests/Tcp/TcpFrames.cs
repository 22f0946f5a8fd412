using System.Buffers.Binary;
using System.Text;

namespace Gateway.FunctionalTests.Tcp;

/// <summary>Encodes payloads the way a TCP client of each framing sends them (written here from the specs, not by the gateway's code).</summary>
internal static class TcpFrames
{
    /// <summary>The framings under test: the input's configuration keys and the matching encoder.</summary>
    public static readonly IReadOnlyDictionary<string, (string Config, Func<byte[], byte[]> Encode)> Framings =
        new Dictionary<string, (string, Func<byte[], byte[]>)>
        {
            ["NewLine"] = ("\"Framing\": \"NewLine\"", p => [.. p, (byte)'\n']),
            ["Delimiter"] = ("\"Framing\": \"Delimiter\", \"FrameDelimiter\": \"\\\\x1E\\\\x1E\"", p => [.. p, 0x1E, 0x1E]),
            ["LengthPrefix4BigEndian"] = ("\"Framing\": \"LengthPrefix\", \"LengthPrefixBytes\": 4, \"LengthPrefixEndian\": \"Big\"", p => Prefixed(p, 4, bigEndian: true, includesSelf: false)),
            ["LengthPrefix2LittleEndianSelf"] = ("\"Framing\": \"LengthPrefix\", \"LengthPrefixBytes\": 2, \"LengthPrefixEndian\": \"Little\", \"LengthPrefixIncludesSelf\": true", p => Prefixed(p, 2, bigEndian: false, includesSelf: true)),
            ["LengthPrefix1"] = ("\"Framing\": \"LengthPrefix\", \"LengthPrefixBytes\": 1", p => Prefixed(p, 1, bigEndian: true, includesSelf: false)),
            ["OctetCounting"] = ("\"Framing\": \"OctetCounting\"", p => [.. Encoding.ASCII.GetBytes($"{p.Length} "), .. p]),
        };

    private static byte[] Prefixed(byte[] payload, int size, bool bigEndian, bool includesSelf)
    {
        var length = (ulong)payload.Length + (includesSelf ? (ulong)size : 0);
        var prefix = new byte[8];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt64BigEndian(prefix, length);
            return [.. prefix[(8 - size)..], .. payload];
        }

        BinaryPrimitives.WriteUInt64LittleEndian(prefix, length);
        return [.. prefix[..size], .. payload];
    }
}
