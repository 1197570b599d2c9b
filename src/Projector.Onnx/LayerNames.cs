namespace Projector.Onnx;

/// <summary>Finds the names nearest a mistyped one, for error messages.</summary>
internal static class LayerNames
{
    /// <summary>Up to <paramref name="count"/> of <paramref name="names"/> nearest <paramref name="wanted"/> by edit distance (case ignored), nearest first.</summary>
    public static IReadOnlyList<string> Nearest(string wanted, IEnumerable<string> names, int count) =>
        [.. names.Distinct(StringComparer.Ordinal)
            .Select(n => (Name: n, Distance: Distance(wanted.ToLowerInvariant(), n.ToLowerInvariant())))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Name)];

    /// <summary>The Levenshtein distance: insertions, deletions and substitutions that turn <paramref name="a"/> into <paramref name="b"/>.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
