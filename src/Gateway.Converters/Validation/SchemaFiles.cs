namespace Gateway.Converters.Validation;

/// <summary>Finds schema files: as given (absolute, or relative to the current directory), then in a <c>schemas/</c> folder there.</summary>
internal static class SchemaFiles
{
    public const string SchemasFolder = "schemas";

    /// <summary>Resolves <paramref name="path"/> against <paramref name="baseDirectory"/>, or returns false with the places tried.</summary>
    public static bool TryResolve(string path, string baseDirectory, out string fullPath, out string error)
    {
        error = string.Empty;
        try
        {
            fullPath = Path.GetFullPath(path, baseDirectory);
            if (File.Exists(fullPath))
            {
                return true;
            }

            if (Path.IsPathRooted(path))
            {
                error = $"schema file '{fullPath}' not found.";
                return false;
            }

            var inSchemas = Path.GetFullPath(Path.Combine(SchemasFolder, path), baseDirectory);
            if (File.Exists(inSchemas))
            {
                fullPath = inSchemas;
                return true;
            }

            error = $"schema file '{path}' not found (looked for '{fullPath}' and '{inSchemas}').";
            return false;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            fullPath = string.Empty;
            error = $"'{path}' is not a valid path: {ex.Message}";
            return false;
        }
    }
}
