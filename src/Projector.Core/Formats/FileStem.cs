namespace Projector.Core.Formats;

/// <summary>File-name stems made from embedding names, for writers that put several embeddings in one folder.</summary>
internal static class FileStem
{
    /// <summary>A safe stem for <paramref name="name"/> (letters, digits, '-', '_', '.'), made unique within <paramref name="used"/>.</summary>
    public static string Unique(string name, HashSet<string> used)
    {
        var stem = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]).Trim('.', '_');
        if (stem.Length == 0)
        {
            stem = "embedding";
        }

        var candidate = stem;
        for (var i = 2; !used.Add(candidate); i++)
        {
            candidate = $"{stem}_{i}";
        }

        return candidate;
    }
}
