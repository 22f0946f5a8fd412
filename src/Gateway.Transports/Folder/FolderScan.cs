using System.IO.Enumeration;

namespace Gateway.Transports.Folder;

/// <summary>
/// Lists the candidate files of a hot folder: names matching the pattern, not hidden, not <c>*.tmp</c> (the
/// write-then-rename convention), outside the folder's own <c>Done</c>, <c>Failed</c> and progress folders.
/// </summary>
internal sealed class FolderScan(string root, FolderPattern pattern, bool recursive, IReadOnlyList<string> excluded)
{
    /// <summary>The candidates in name order (full path, length, last write time); a folder that cannot be read yields none.</summary>
    public List<FileCandidate> List()
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = recursive,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
            ReturnSpecialDirectories = false,
        };
        var files = new FileSystemEnumerable<FileCandidate>(
            root,
            (ref FileSystemEntry entry) => new FileCandidate(entry.ToFullPath(), entry.Length, entry.LastWriteTimeUtc.UtcDateTime),
            options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory && IsCandidate(entry.FileName),
            ShouldRecursePredicate = (ref FileSystemEntry entry) => !entry.FileName.StartsWith('.') && !IsExcluded(entry.ToFullPath()),
        };
        try
        {
            var list = files.ToList();
            list.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
            return list;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return []; // The folder itself vanished or is unreadable: the input reports it and tries again.
        }
    }

    private bool IsCandidate(ReadOnlySpan<char> name)
        => !name.StartsWith('.') && !name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase) && pattern.Matches(name);

    private bool IsExcluded(string directory)
    {
        foreach (var path in excluded)
        {
            if (string.Equals(directory.TrimEnd(Path.DirectorySeparatorChar), path.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
