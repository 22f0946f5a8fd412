using System.Diagnostics.CodeAnalysis;
using Gateway.Core.Formats.Options;

namespace Gateway.Core.Formats;

/// <summary>Looks formats up by name, media type or file extension. Filled by the <c>AddXFormat()</c> extensions.</summary>
public sealed class FormatRegistry
{
    private readonly Dictionary<string, DataFormat> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DataFormat> _byMediaType = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DataFormat> _byExtension = new(StringComparer.OrdinalIgnoreCase);

    public FormatRegistry(IEnumerable<DataFormat> formats)
    {
        ArgumentNullException.ThrowIfNull(formats);
        foreach (var format in formats)
        {
            _byName[format.Name] = format;
            foreach (var mediaType in format.MediaTypes)
            {
                _byMediaType.TryAdd(mediaType, format);
            }

            foreach (var extension in format.Extensions)
            {
                _byExtension.TryAdd(extension, format);
            }
        }

        Options = new FormatOptionCatalog(_byName.Values);
    }

    public IEnumerable<DataFormat> All => _byName.Values;

    /// <summary>The options of every registered format.</summary>
    public FormatOptionCatalog Options { get; }

    public bool TryGet(string name, [NotNullWhen(true)] out DataFormat? format) => _byName.TryGetValue(name, out format);

    public DataFormat Get(string name) => TryGet(name, out var format)
        ? format
        : throw new KeyNotFoundException($"Unknown format '{name}'. Known formats: {string.Join(", ", _byName.Keys)}.");

    /// <summary>Finds the format of a media type such as <c>text/csv; charset=utf-8</c> (parameters are ignored; <c>+json</c> and <c>+xml</c> suffixes match).</summary>
    public bool TryGetByMediaType(string? mediaType, [NotNullWhen(true)] out DataFormat? format)
    {
        format = null;
        if (string.IsNullOrWhiteSpace(mediaType))
        {
            return false;
        }

        var bare = mediaType.Split(';', 2)[0].Trim();
        if (_byMediaType.TryGetValue(bare, out format))
        {
            return true;
        }

        if (bare.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            return _byName.TryGetValue("Json", out format);
        }

        return bare.EndsWith("+xml", StringComparison.OrdinalIgnoreCase) && _byName.TryGetValue("Xml", out format);
    }

    /// <summary>Finds the format of a file path by its extension.</summary>
    public bool TryGetByPath(string? path, [NotNullWhen(true)] out DataFormat? format)
    {
        format = null;
        var extension = Path.GetExtension(path);
        return !string.IsNullOrEmpty(extension) && _byExtension.TryGetValue(extension, out format);
    }
}
