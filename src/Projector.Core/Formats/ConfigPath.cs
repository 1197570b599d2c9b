namespace Projector.Core.Formats;

/// <summary>
/// Resolves a path written in a projector config. Real configs carry absolute paths from the machine
/// that wrote them, Windows paths with backslashes, <c>./</c> prefixes or URLs; a path is tried as
/// written (relative to the config's folder) and then by its file name inside that folder.
/// </summary>
public static class ConfigPath
{
    /// <summary>The existing file <paramref name="raw"/> refers to, or null when none of the candidates exists.</summary>
    /// <param name="folder">The folder of the config file.</param>
    /// <param name="raw">The path as the config gives it.</param>
    public static string? Resolve(string folder, string raw)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(raw);
        foreach (var candidate in Candidates(folder, raw))
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The paths tried for <paramref name="raw"/>, in order.</summary>
    public static IEnumerable<string> Candidates(string folder, string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var p = raw.Trim().Replace('\\', '/');
        var scheme = p.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
        {
            // A URL: keep only its path, without query or fragment.
            var rest = p[(scheme + 3)..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            p = slash >= 0 ? rest[slash..] : rest;
            p = p.Split('?', '#')[0];
            p = Uri.UnescapeDataString(p).TrimStart('/');
        }

        var windowsRooted = p.Length >= 2 && p[1] == ':' && char.IsAsciiLetter(p[0]);
        if (!windowsRooted && p.Length > 0)
        {
            yield return Path.IsPathRooted(p) ? p : Path.GetFullPath(Path.Combine(folder, p));
        }

        var name = p.Split('/').LastOrDefault(s => s.Length > 0);
        if (name is not null)
        {
            yield return Path.Combine(folder, name);
        }
    }
}
