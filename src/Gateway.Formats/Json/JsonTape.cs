using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Gateway.Formats.Json;

/// <summary>
/// The tokens of the last record a reader proved valid with <see cref="JsonSyntaxCheck"/>, so that a writer given
/// that same record walks them instead of tokenizing it again (one scan of the input instead of two). A reader
/// records while it checks, offers the tape with the record it returns, and withdraws it before it reads again or
/// lets go of its buffer. A writer asks <see cref="For"/> with the span it was given: only the very same bytes
/// (same memory, same length) on the same thread, still offered, get the tape; anything else is tokenized as before.
/// </summary>
internal sealed class JsonTape
{
    /// <summary>Records with more tokens are not kept on a tape (their writers tokenize them), so memory stays small.</summary>
    private const int MaxTokens = 16 * 1024;

    [ThreadStatic]
    private static JsonTape? t_offered;

    private JsonTapeToken[] _tokens = new JsonTapeToken[64];
    private int _count;
    private int _depth;
    private bool _overflow;
    private ReadOnlyMemory<byte> _record;
    private bool _offered;

    /// <summary>The tokens, in document order.</summary>
    public ReadOnlySpan<JsonTapeToken> Tokens => _tokens.AsSpan(0, _count);

    /// <summary>The deepest nesting of objects and arrays in the record (1 for a flat object).</summary>
    public int Depth { get; private set; }

    /// <summary>The tape offered on this thread for exactly <paramref name="record"/>, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static JsonTape? For(ReadOnlySpan<byte> record)
    {
        var tape = t_offered;
        return tape is { _offered: true } && tape._record.Length == record.Length && record.Length > 0
            && Unsafe.AreSame(ref MemoryMarshal.GetReference(tape._record.Span), ref MemoryMarshal.GetReference(record))
            ? tape
            : null;
    }

    /// <summary>Withdraws the tape and starts recording a new record.</summary>
    public void Start()
    {
        Withdraw();
        _count = 0;
        _depth = 0;
        Depth = 0;
        _overflow = false;
    }

    public void Add(JsonTokenType type, int start, int length, bool escaped)
    {
        if (type is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            Depth = Math.Max(Depth, ++_depth);
        }
        else if (type is JsonTokenType.EndObject or JsonTokenType.EndArray)
        {
            _depth--;
        }

        if (_count == _tokens.Length && !Grow())
        {
            return;
        }

        _tokens[_count++] = new JsonTapeToken(start, length, type, escaped);
    }

    /// <summary>Offers the tokens recorded since <see cref="Start"/> as those of <paramref name="record"/> (the span they were recorded on).</summary>
    public void Offer(ReadOnlyMemory<byte> record)
    {
        if (_overflow)
        {
            return;
        }

        _record = record;
        _offered = true;
        t_offered = this;
    }

    /// <summary>Withdraws the offer: the reader is about to move, refill or release the bytes.</summary>
    public void Withdraw()
    {
        _offered = false;
        _record = default;
        if (t_offered == this)
        {
            // Usually the reader's own thread: the thread stops holding the tokens.
            t_offered = null;
        }
    }

    private bool Grow()
    {
        if (_tokens.Length >= MaxTokens)
        {
            _overflow = true;
            return false;
        }

        Array.Resize(ref _tokens, _tokens.Length * 2);
        return true;
    }
}
