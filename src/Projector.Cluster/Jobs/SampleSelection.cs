namespace Projector.Cluster.Jobs;

/// <summary>
/// Chooses the rows a job lays out: stratified by label when there are labels (each label keeps its share
/// of the rows, so a small class is still in the map the rest is placed into), else uniform. Seeded, so
/// every silo and every retry chooses the same rows.
/// </summary>
public static class SampleSelection
{
    /// <summary>Up to <paramref name="size"/> of <paramref name="rows"/> rows, ascending.</summary>
    /// <param name="rows">Rows of the input.</param>
    /// <param name="labels">One label per row, or null for a uniform sample.</param>
    /// <param name="size">The most rows to choose.</param>
    /// <param name="seed">The job's seed.</param>
    public static int[] Choose(int rows, IReadOnlyList<string?>? labels, int size, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (size >= rows)
        {
            return Enumerable.Range(0, rows).ToArray();
        }

        if (labels is null)
        {
            var all = Enumerable.Range(0, rows).ToArray();
            return Pick(all, size, new Random(seed));
        }

        if (labels.Count != rows)
        {
            throw new ArgumentException($"{labels.Count} labels for {rows} rows.", nameof(labels));
        }

        // Groups in order of first appearance: the order of the input, never of a hash.
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<List<int>>();
        for (var i = 0; i < rows; i++)
        {
            var key = labels[i] ?? "\u0000";
            if (!groups.TryGetValue(key, out var members))
            {
                members = [];
                groups[key] = members;
                order.Add(members);
            }

            members.Add(i);
        }

        // Largest remainder: every group gets floor(share), the leftovers go to the largest fractions.
        var quotas = new int[order.Count];
        var fractions = new (double Fraction, int Group)[order.Count];
        var given = 0;
        for (var g = 0; g < order.Count; g++)
        {
            var exact = (double)size * order[g].Count / rows;
            quotas[g] = (int)Math.Floor(exact);
            fractions[g] = (exact - quotas[g], g);
            given += quotas[g];
        }

        foreach (var (_, g) in fractions.OrderByDescending(f => f.Fraction).ThenBy(f => f.Group).Take(size - given))
        {
            quotas[g]++;
        }

        var random = new Random(seed);
        var chosen = new List<int>(size);
        for (var g = 0; g < order.Count; g++)
        {
            chosen.AddRange(Pick([.. order[g]], quotas[g], random));
        }

        chosen.Sort();
        return [.. chosen];
    }

    // A partial Fisher-Yates shuffle: the first `count` of `items` after it are a uniform choice.
    private static int[] Pick(int[] items, int count, Random random)
    {
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, items.Length);
            (items[i], items[j]) = (items[j], items[i]);
        }

        var result = items[..count];
        Array.Sort(result);
        return result;
    }
}
