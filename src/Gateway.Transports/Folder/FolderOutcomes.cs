using System.Globalization;
using System.Text.Json;

namespace Gateway.Transports.Folder;

/// <summary>
/// Where a file goes when the input is done with it: <c>Done</c> (or deleted with <c>Delete</c>) once every record is
/// stored, <c>Failed</c> with a <c>NAME.error.json</c> beside it when it cannot be decoded. Subfolders are kept; a
/// name that is already taken gets the time added (<c>orders.20261207T101500123Z.csv</c>), so nothing is overwritten.
/// </summary>
internal sealed class FolderOutcomes(string done, string failed, bool delete, TimeProvider time)
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Moves (or deletes) a file whose every record is stored; returns where it went (null when deleted).</summary>
    public string? Complete(string path, string relativeName)
    {
        if (delete)
        {
            File.Delete(path);
            return null;
        }

        return MoveInto(done, path, relativeName);
    }

    /// <summary>Moves a file that could not be read to the failed folder and writes its <c>.error.json</c>; returns its new path.</summary>
    public string Fail(string path, string relativeName, FileFailure failure)
    {
        var target = MoveInto(failed, path, relativeName);
        var errorFile = target + ".error.json";
        var temporary = errorFile + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(failure, Indented));
        File.Move(temporary, errorFile, overwrite: true);
        return target;
    }

    private string MoveInto(string folder, string path, string relativeName)
    {
        var target = Path.Combine(folder, relativeName.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target))
        {
            var stamp = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
            target = Path.Combine(Path.GetDirectoryName(target)!, $"{Path.GetFileNameWithoutExtension(target)}.{stamp}{Path.GetExtension(target)}");
        }

        File.Move(path, target, overwrite: false);
        return target;
    }
}
