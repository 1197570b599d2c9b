using System.Globalization;
using System.Text;
using Projector.Core.Data;

namespace Projector.Core.Publishing.StaticSite;

/// <summary>
/// Short, URL-safe ids that stay the same for the same inputs: <c>mnist</c> for <c>demo:mnist</c>, a slug
/// of the name otherwise, with the run and step of a TensorBoard tensor (<c>run1.embedding.s200</c>).
/// </summary>
internal static class DatasetIds
{
    private const int MaxLength = 60;

    /// <summary>The id of each dataset, in order; repeats get <c>-2</c>, <c>-3</c>, ...</summary>
    public static IReadOnlyList<string> Assign(IReadOnlyList<Dataset> datasets)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var ids = new List<string>(datasets.Count);
        foreach (var d in datasets)
        {
            var id = For(d);
            var candidate = id;
            for (var i = 2; !used.Add(candidate); i++)
            {
                candidate = string.Create(CultureInfo.InvariantCulture, $"{id}-{i}");
            }

            ids.Add(candidate);
        }

        return ids;
    }

    /// <summary>The id of one dataset, before making repeats unique.</summary>
    public static string For(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.Name.StartsWith("demo:", StringComparison.Ordinal))
        {
            return Slug(dataset.Name["demo:".Length..]);
        }

        var parts = new List<string>();
        if (!string.IsNullOrEmpty(dataset.Run) && dataset.Run != ".")
        {
            parts.Add(Slug(dataset.Run));
        }

        parts.Add(Slug(dataset.Name));
        if (dataset.Step is { } step)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"s{step}"));
        }

        return string.Join('.', parts);
    }

    /// <summary>Lower-case ASCII letters and digits, other runs of characters as one '-'; "embedding" when nothing is left.</summary>
    public static string Slug(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var b = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                b.Append(char.ToLowerInvariant(c));
            }
            else if (b.Length > 0 && b[^1] != '-')
            {
                b.Append('-');
            }

            if (b.Length >= MaxLength)
            {
                break;
            }
        }

        var slug = b.ToString().Trim('-');
        return slug.Length == 0 ? "embedding" : slug;
    }
}
