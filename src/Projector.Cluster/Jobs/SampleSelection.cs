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

        var numbering = new LabelGroups();
        var groups = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            groups[i] = numbering.Of(labels[i]);
        }

        return Choose(groups, size, seed);
    }

    /// <summary>
    /// Up to <paramref name="size"/> rows, ascending, stratified by <paramref name="groups"/>: each row's group,
    /// numbered 0, 1, 2... in order of first appearance (<see cref="JobMetadata.Groups"/>).
    /// </summary>
    public static int[] Choose(int[] groups, int size, int seed)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var rows = groups.Length;
        if (size >= rows)
        {
            return Enumerable.Range(0, rows).ToArray();
        }

        var counts = new int[groups.Length == 0 ? 0 : groups.Max() + 1];
        foreach (var g in groups)
        {
            counts[g]++;
        }

        var order = new int[counts.Length][];
        var filled = new int[counts.Length];
        for (var g = 0; g < counts.Length; g++)
        {
            order[g] = new int[counts[g]];
        }

        for (var i = 0; i < rows; i++)
        {
            order[groups[i]][filled[groups[i]]++] = i;
        }

        // Largest remainder: every group gets floor(share), the leftovers go to the largest fractions.
        var quotas = new int[order.Length];
        var fractions = new (double Fraction, int Group)[order.Length];
        var given = 0;
        for (var g = 0; g < order.Length; g++)
        {
            var exact = (double)size * order[g].Length / rows;
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
        for (var g = 0; g < order.Length; g++)
        {
            chosen.AddRange(Pick(order[g], quotas[g], random));
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
