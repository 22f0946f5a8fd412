using Gateway.Core.Json;

namespace Gateway.Converters.Paths;

/// <summary>
/// Builds the tree of a list of JSON Pointers (the <c>Paths</c> option of <c>Select</c> and <c>Drop</c>). A path
/// covers everything below it, so <c>/a</c> wins over <c>/a/b</c> whatever their order.
/// </summary>
internal static class PathSet
{
    public static PointerNode<bool> Build(IList<string>? paths, string optionName, bool allowWholeRecord, List<(string Member, string Message)> errors)
    {
        var root = new PointerNode<bool>();
        if (paths is null)
        {
            return root;
        }

        for (var i = 0; i < paths.Count; i++)
        {
            var member = $"{optionName}:{i}";
            if (!JsonPointer.TryParse(paths[i], out var pointer, out var error))
            {
                errors.Add((member, error));
                continue;
            }

            if (pointer.IsRoot && !allowWholeRecord)
            {
                errors.Add((member, "the empty pointer is the whole record; use a Filter step to drop records."));
                continue;
            }

            var node = root;
            var covered = false;
            foreach (var token in pointer.Tokens)
            {
                if (node.HasValue)
                {
                    covered = true;
                    break;
                }

                node = node.GetOrAdd(token);
            }

            if (!covered && !node.HasValue)
            {
                node.SetValue(true);
                node.ClearChildren();
            }
        }

        return root;
    }
}
