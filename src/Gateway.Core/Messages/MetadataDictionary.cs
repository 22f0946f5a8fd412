using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Gateway.Core.Messages;

/// <summary>
/// A message's metadata: case-insensitive names and string values, copied on write. A message derived from another
/// (a decoded body, a converter's output) and every message of one TCP connection share one dictionary until one of
/// them changes it, so metadata costs nothing per message unless a step edits it. The shared dictionary is never
/// changed once shared: a writer copies it first.
/// </summary>
public sealed class MetadataDictionary : IDictionary<string, string>, IReadOnlyDictionary<string, string>
{
    private Dictionary<string, string> _items;
    private bool _shared;

    public MetadataDictionary()
        : this(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase), shared: false)
    {
    }

    /// <summary>A copy of <paramref name="items"/> (names compared case-insensitively; the last of two equal names wins).</summary>
    public MetadataDictionary(IEnumerable<KeyValuePair<string, string>> items)
        : this(Copy(items ?? throw new ArgumentNullException(nameof(items))), shared: false)
    {
    }

    private MetadataDictionary(Dictionary<string, string> items, bool shared)
    {
        _items = items;
        _shared = shared;
    }

    public int Count => _items.Count;

    /// <summary>The entries' storage: equal for metadata that shares it (what the log's codec packs once per run).</summary>
    internal object Storage => _items;

    public bool IsReadOnly => false;

    public ICollection<string> Keys => _items.Keys;

    public ICollection<string> Values => _items.Values;

    IEnumerable<string> IReadOnlyDictionary<string, string>.Keys => _items.Keys;

    IEnumerable<string> IReadOnlyDictionary<string, string>.Values => _items.Values;

    public string this[string key]
    {
        get => _items[key];
        set => Writable()[key] = value;
    }

    /// <summary>
    /// Takes <paramref name="items"/> as a message's metadata: shared when it is a <see cref="MetadataDictionary"/>,
    /// used as it is when it is a case-insensitive <see cref="Dictionary{TKey, TValue}"/> (the caller hands it over),
    /// copied otherwise.
    /// </summary>
    public static MetadataDictionary From(IDictionary<string, string> items) => items switch
    {
        null => throw new ArgumentNullException(nameof(items)),
        MetadataDictionary metadata => metadata.Share(),
        Dictionary<string, string> { Comparer: var comparer } dictionary when ReferenceEquals(comparer, StringComparer.OrdinalIgnoreCase) => new(dictionary, shared: false),
        _ => new(items),
    };

    /// <summary>A view of the same entries for another message; whichever of them writes first gets its own copy.</summary>
    public MetadataDictionary Share()
    {
        _shared = true;
        return new MetadataDictionary(_items, shared: true);
    }

    public void Add(string key, string value) => Writable().Add(key, value);

    public bool Remove(string key) => _items.ContainsKey(key) && Writable().Remove(key);

    public void Clear()
    {
        if (_items.Count > 0)
        {
            _items = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            _shared = false;
        }
    }

    public bool ContainsKey(string key) => _items.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => _items.TryGetValue(key, out value);

    public Dictionary<string, string>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<KeyValuePair<string, string>> IEnumerable<KeyValuePair<string, string>>.GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    void ICollection<KeyValuePair<string, string>>.Add(KeyValuePair<string, string> item) => Add(item.Key, item.Value);

    bool ICollection<KeyValuePair<string, string>>.Contains(KeyValuePair<string, string> item) => ((ICollection<KeyValuePair<string, string>>)_items).Contains(item);

    void ICollection<KeyValuePair<string, string>>.CopyTo(KeyValuePair<string, string>[] array, int arrayIndex) => ((ICollection<KeyValuePair<string, string>>)_items).CopyTo(array, arrayIndex);

    bool ICollection<KeyValuePair<string, string>>.Remove(KeyValuePair<string, string> item)
        => ((ICollection<KeyValuePair<string, string>>)_items).Contains(item) && ((ICollection<KeyValuePair<string, string>>)Writable()).Remove(item);

    private static Dictionary<string, string> Copy(IEnumerable<KeyValuePair<string, string>> items)
    {
        var copy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in items)
        {
            copy[key] = value;
        }

        return copy;
    }

    private Dictionary<string, string> Writable()
    {
        if (_shared)
        {
            _items = new Dictionary<string, string>(_items, StringComparer.OrdinalIgnoreCase);
            _shared = false;
        }

        return _items;
    }
}
