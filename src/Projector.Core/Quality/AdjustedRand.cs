namespace Projector.Core.Quality;

/// <summary>
/// The adjusted Rand index of two labellings (Hubert and Arabie 1985): 1 for the same partition, about 0
/// for chance agreement. Every label value is a group, noise (−1) included. Used to check clusters against
/// known groups (tests) and against exact HDBSCAN (the clusters benchmark).
/// </summary>
internal static class AdjustedRand
{
    public static double Index(int[] a, int[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"The labellings have {a.Length} and {b.Length} values.", nameof(b));
        }

        var pairs = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var cols = new Dictionary<int, long>();
        for (var i = 0; i < a.Length; i++)
        {
            pairs[(a[i], b[i])] = pairs.GetValueOrDefault((a[i], b[i])) + 1;
            rows[a[i]] = rows.GetValueOrDefault(a[i]) + 1;
            cols[b[i]] = cols.GetValueOrDefault(b[i]) + 1;
        }

        static double Choose2(long x) => x * (x - 1) / 2.0;
        var index = pairs.Values.Sum(Choose2);
        var sumRows = rows.Values.Sum(Choose2);
        var sumCols = cols.Values.Sum(Choose2);
        var expected = sumRows * sumCols / Choose2(a.Length);
        var max = (sumRows + sumCols) / 2;
        return max == expected ? 1.0 : (index - expected) / (max - expected);
    }
}
