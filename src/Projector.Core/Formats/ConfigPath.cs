namespace Projector.Core.Formats;

/// <summary>
/// Resolves a path written in a projector config. Real configs carry absolute paths from the machine
/// that wrote them, Windows paths with backslashes, <c>./</c> prefixes or URLs, and the standalone page
/// resolves them against the page's folder (the folder of <c>index.html</c>), usually an ancestor of the
/// config. A path is tried as written relative to the config's folder, then relative to each ancestor
/// up to <c>root</c> (the folder the user named, never above it), then by its file name beside the config.
/// </summary>
public static class ConfigPath
{
    /// <summary>The existing file <paramref name="raw"/> refers to, or null when none of the candidates exists.</summary>
    /// <param name="folder">The folder of the config file.</param>
    /// <param name="raw">The path as the config gives it.</param>
    /// <param name="root">The folder the user named; ancestors of <paramref name="folder"/> up to it are tried. Null: only the config's folder.</param>
    /// <param name="namedBy">The config that names the path, for a refusal's message.</param>
    public static string? Resolve(string folder, string raw, string? root = null, string? namedBy = null) => Locate(folder, raw, root, namedBy).File;

    /// <summary>
    /// The existing file <paramref name="raw"/> refers to and whether it is the path as written (relative to
    /// the config's folder or, as the page resolves it, to an ancestor up to <paramref name="root"/>); false
    /// when only a file of the same name beside the config was found, which is worth a warning.
    /// </summary>
    /// <remarks>
    /// Under a <see cref="FileConfinement"/> a candidate outside its folders is passed over for the next
    /// one; when only such candidates exist the confinement refuses (or warns about) the first.
    /// </remarks>
    /// <param name="folder">The folder of the config file.</param>
    /// <param name="raw">The path as the config gives it.</param>
    /// <param name="root">The folder the user named; ancestors of <paramref name="folder"/> up to it are tried.</param>
    /// <param name="namedBy">The config that names the path, for a refusal's message (default: <paramref name="folder"/>).</param>
    public static (string? File, bool AsWritten) Locate(string folder, string raw, string? root = null, string? namedBy = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(raw);
        var p = Normalize(raw);
        var written = Literal(folder, p, root, IsRemote(raw)).Where(File.Exists).ToList();
        var beside = ByName(folder, p) is { } b && File.Exists(b) ? b : null;
        if (written.FirstOrDefault(FileConfinement.Permits) is { } inside)
        {
            return (inside, true);
        }

        if (beside is not null && FileConfinement.Permits(beside))
        {
            return (beside, false);
        }

        if (written.Count > 0 || beside is not null)
        {
            var outside = written.Count > 0 ? written[0] : beside!;
            FileConfinement.Check(outside, namedBy ?? folder, raw);
            return (outside, written.Count > 0);
        }

        return (null, false);
    }

    /// <summary>The paths tried for <paramref name="raw"/>, in order, each once.</summary>
    public static IEnumerable<string> Candidates(string folder, string raw, string? root = null)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var p = Normalize(raw);
        var all = Literal(folder, p, root, IsRemote(raw)).ToList();
        if (ByName(folder, p) is { } name)
        {
            all.Add(name);
        }

        return all.Distinct(StringComparer.Ordinal);
    }

    /// <summary>What was tried for <paramref name="raw"/>, for a not-found message: the candidates, or why there are none.</summary>
    public static string Tried(string folder, string raw, string? root = null)
    {
        var candidates = Candidates(folder, raw, root).ToList();
        return candidates.Count > 0 ? $"tried {string.Join(", ", candidates)}" : "no file can have that name: it holds a NUL or another character file names cannot";
    }

    /// <summary>
    /// Whether <paramref name="raw"/> names a file on another machine (an <c>http</c>, <c>https</c>,
    /// <c>ftp</c>, <c>gs</c> or <c>s3</c> URL). Projector never fetches one: only a local copy can stand in.
    /// </summary>
    public static bool IsRemote(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var t = raw.Trim();
        var scheme = t.IndexOf("://", StringComparison.Ordinal);
        return scheme > 1
            && t[..scheme].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')
            && !t[..scheme].Equals("file", StringComparison.OrdinalIgnoreCase);
    }

    // A URL's path is tried whole and then without its leading folders (a mirror of a site holds
    // oss_data/x.bytes, not someone/site/main/oss_data/x.bytes), each against the config's folder and its ancestors.
    private static IEnumerable<string> Literal(string folder, string p, string? root, bool remote)
    {
        var windowsRooted = p.Length >= 2 && p[1] == ':' && char.IsAsciiLetter(p[0]);
        if (windowsRooted || p.Length == 0 || !Usable(p))
        {
            yield break;
        }

        if (Path.IsPathRooted(p))
        {
            yield return p;
            yield break;
        }

        var segments = p.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var tails = remote ? Enumerable.Range(0, Math.Max(segments.Length - 1, 1)).Select(i => string.Join('/', segments[i..])) : [p];
        foreach (var tail in tails)
        {
            yield return Path.GetFullPath(Path.Combine(folder, tail));
            if (root is not null)
            {
                foreach (var ancestor in Ancestors(folder, root))
                {
                    yield return Path.GetFullPath(Path.Combine(ancestor, tail));
                }
            }
        }
    }

    private static string? ByName(string folder, string p) =>
        Usable(p) && p.Split('/').LastOrDefault(s => s.Length > 0) is { } name ? Path.Combine(folder, name) : null;

    // A path from a file may hold characters no file name can (a NUL): it then names no file at all.
    private static bool Usable(string p) => p.IndexOfAny(Path.GetInvalidPathChars()) < 0;

    // Backslashes become slashes; a URL keeps only its path, without query or fragment.
    private static string Normalize(string raw)
    {
        var p = raw.Trim().Replace('\\', '/');
        var scheme = p.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && p[..scheme].Equals("file", StringComparison.OrdinalIgnoreCase))
        {
            // file:///data/x.bytes is the local path /data/x.bytes.
            var local = p[(scheme + 3)..];
            return Uri.UnescapeDataString(local.StartsWith("localhost/", StringComparison.OrdinalIgnoreCase) ? local["localhost".Length..] : local);
        }

        if (scheme > 0)
        {
            var rest = p[(scheme + 3)..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            p = slash >= 0 ? rest[slash..] : rest;
            p = p.Split('?', '#')[0];
            p = Uri.UnescapeDataString(p).TrimStart('/');
        }

        return p;
    }

    // The folders above the config's, up to and including root; none when the config is not under root.
    private static IEnumerable<string> Ancestors(string folder, string root)
    {
        var top = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var dir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (!(dir + Path.DirectorySeparatorChar).StartsWith(top + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            yield break;
        }

        while (dir.Length > top.Length && Path.GetDirectoryName(dir) is { } parent)
        {
            dir = parent;
            yield return dir;
        }
    }
}
