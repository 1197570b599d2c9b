namespace Projector.Core.Formats;

/// <summary>
/// A path with every symbolic link in it followed, as <c>realpath(3)</c> gives it: a link anywhere in the
/// path (a linked folder, not only the file) can lead out of a folder. Components that do not exist are
/// kept as written. .NET has no such call (<c>ResolveLinkTarget</c> follows only the last component).
/// </summary>
internal static class RealPath
{
    // As Linux's ELOOP limit: more hops than this is a loop.
    private const int MaxLinks = 40;

    public static string Of(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "/";
        var pending = new Stack<string>(full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = root;
        var links = 0;
        while (pending.TryPop(out var part))
        {
            var next = Path.Combine(current, part);
            string? target = null;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }

            if (target is null || ++links > MaxLinks)
            {
                current = next;
                continue;
            }

            // Restart from the link's target with the rest of the path still to walk.
            var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target));
            var resolvedRoot = Path.GetPathRoot(resolved) ?? "/";
            foreach (var piece in resolved[resolvedRoot.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.Push(piece);
            }

            current = resolvedRoot;
        }

        return current;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies below it (both real paths).</summary>
    public static bool IsUnder(string path, string folder)
    {
        var top = Path.TrimEndingDirectorySeparator(folder);
        var prefix = top.EndsWith(Path.DirectorySeparatorChar) ? top : top + Path.DirectorySeparatorChar;
        return path == top || path.StartsWith(prefix, StringComparison.Ordinal);
    }
}
