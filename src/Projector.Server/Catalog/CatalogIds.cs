using System.Text;

namespace Projector.Server.Catalog;

/// <summary>Short, URL-safe ids that stay the same for the same inputs (<c>mnist</c>, <c>logs.run1.embedding.s200</c>).</summary>
internal static class CatalogIds
{
    /// <summary>Joins the slugs of <paramref name="parts"/> with dots.</summary>
    public static string From(IEnumerable<string> parts) =>
        string.Join('.', parts.Select(Slug).Where(s => s.Length > 0)) is { Length: > 0 } id ? id : "dataset";

    /// <summary>Lower-case letters, digits, <c>-</c> and <c>_</c>; anything else becomes one <c>-</c>.</summary>
    public static string Slug(string text)
    {
        var b = new StringBuilder(text.Length);
        foreach (var ch in text.ToLowerInvariant())
        {
            if (ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')
            {
                b.Append(ch);
            }
            else if (b.Length > 0 && b[^1] != '-')
            {
                b.Append('-');
            }
        }

        return b.ToString().Trim('-');
    }
}
