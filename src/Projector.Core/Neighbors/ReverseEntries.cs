namespace Projector.Core.Neighbors;

/// <summary>
/// For every row j, the positions s of the heap entries that name j (row s / k holds j as a neighbour):
/// NN-descent's reverse neighbours, in compressed rows, rebuilt each round.
/// </summary>
/// <remarks>
/// Built without atomics: each of P parts owns a range of target rows and scans all entries, counting and
/// then placing only its own, so the positions of a row come in ascending order whatever P is. The scans
/// are sequential reads of the N·k indices (2·P of them); the placement is the only scattered write.
/// </remarks>
internal sealed class ReverseEntries
{
    private readonly int[] _start;
    private readonly int[] _entries;

    public ReverseEntries(int n, long entries)
    {
        _start = new int[n + 1];
        _entries = new int[entries];
    }

    /// <summary>The heap positions that name row <paramref name="j"/>, ascending.</summary>
    public ReadOnlySpan<int> Of(int j) => _entries.AsSpan(_start[j], _start[j + 1] - _start[j]);

    /// <summary>Rebuilds from the heaps' indices (<paramref name="idx"/>, k per row; entries outside [0, n) are skipped).</summary>
    public void Build(int[] idx, ParallelOptions parallel)
    {
        var n = _start.Length - 1;
        var parts = Math.Max(1, Math.Min(parallel.MaxDegreeOfParallelism, 64));
        var start = _start;
        Array.Clear(start);
        Parallel.For(0, parts, parallel, p =>
        {
            var (lo, hi) = Range(p, parts, n);
            foreach (var j in idx)
            {
                if (j >= lo && j < hi)
                {
                    start[j + 1]++;
                }
            }
        });
        for (var j = 0; j < n; j++)
        {
            start[j + 1] += start[j];
        }

        var entries = _entries;
        Parallel.For(0, parts, parallel, p =>
        {
            var (lo, hi) = Range(p, parts, n);
            var cursor = start[lo..(hi + 1)];
            for (var s = 0; s < idx.Length; s++)
            {
                var j = idx[s];
                if (j >= lo && j < hi)
                {
                    entries[cursor[j - lo]++] = s;
                }
            }
        });
    }

    private static (int Lo, int Hi) Range(int part, int parts, int n) =>
        ((int)((long)n * part / parts), (int)((long)n * (part + 1) / parts));
}
