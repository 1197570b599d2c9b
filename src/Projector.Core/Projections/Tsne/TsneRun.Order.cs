namespace Projector.Core.Projections.Tsne;

// Renumbering points along the layout: the attraction reads y_j for every entry of P, which for a million
// points (over 100 M entries) in input order is a cache and TLB miss per entry. Numbered along a Morton
// curve of the layout, the points of one cluster (and so a row's neighbours) share a few hundred KB of y.
public sealed partial class TsneRun
{
    /// <summary>
    /// Fewest points for which the run renumbers. Below it the layout fits in the core's cache anyway.
    /// Measured with 130 entries per row on 1M points: 378 ms per pass with columns spread over all
    /// points, 138 ms with columns near the row.
    /// </summary>
    internal const int ReorderFrom = 32_768;

    /// <summary>Original point at each internal position; null while in input order.</summary>
    private int[]? _original;

    /// <summary>Fewest points for which this run renumbers (<see cref="ReorderFrom"/>; tests lower it).</summary>
    internal int ReorderThreshold { get; set; } = ReorderFrom;

    /// <summary>
    /// Renumbering happens twice: before the first iteration (the PCA start already separates much of
    /// the data) and before iteration 100, when early exaggeration has gathered the clusters.
    /// </summary>
    private bool ReorderDue => Points >= ReorderThreshold && Array.IndexOf(ReorderAt, Iteration) >= 0;

    /// <summary>The iterations before which the points are renumbered (tests change them).</summary>
    internal int[] ReorderAt { get; set; } = [0, 100];

    /// <summary>
    /// Renumbers the points along a Morton curve of the current layout: positions, gains, updates and the
    /// rows and columns of P move together, so rows are read in sequence and a row's neighbours sit close
    /// together in y (measured with 170 entries per row on 1M points: visiting rows out of order cost 3x).
    /// A function of the positions only, so runs stay reproducible.
    /// </summary>
    private void Reorder()
    {
        var n = Points;
        var dims = Dimensions;
        var order = new int[n];
        MortonTree.SortAlongCurve(_y, dims, new ulong[n], order);
        var rank = new int[n];
        for (var s = 0; s < n; s++)
        {
            rank[order[s]] = s;
        }

        var parallel = ParallelScheduling.Options(_threads);
        foreach (var values in new[] { _y, _gains, _update })
        {
            var copy = (double[])values.Clone();
            Parallel.For(0, n, parallel, s => copy.AsSpan(order[s] * dims, dims).CopyTo(values.AsSpan(s * dims, dims)));
        }

        // Garbage of the neighbour search and the affinities (the graph alone is N·k·8 bytes) is collected
        // and its memory returned to the system before P is copied; a plain collection keeps the freed
        // memory committed, and the copy came on top of it (peak 5.2 GB for 1M points, measured).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var (oldStart, oldColumns, oldWeights, oldScale) = (_rowStart, _columns, _weights, _rowScale);
        var rowStart = new int[n + 1];
        var scales = new float[n];
        for (var s = 0; s < n; s++)
        {
            rowStart[s + 1] = rowStart[s] + (oldStart[order[s] + 1] - oldStart[order[s]]);
            scales[s] = oldScale[order[s]];
        }

        var columns = new int[oldColumns.Length];
        var weights = new ushort[oldWeights.Length];
        Parallel.For(0, n, parallel, s =>
        {
            var from = oldStart[order[s]];
            var count = rowStart[s + 1] - rowStart[s];
            for (var e = 0; e < count; e++)
            {
                columns[rowStart[s] + e] = rank[oldColumns[from + e]];
            }

            oldWeights.AsSpan(from, count).CopyTo(weights.AsSpan(rowStart[s]));
        });
        (_rowStart, _columns, _weights, _rowScale) = (rowStart, columns, weights, scales);

        // The old P (6 bytes per entry, most of a GB for a million points) would otherwise stay until the
        // next full collection and could meet the next renumbering's copy, doubling the peak.
        (oldStart, oldColumns, oldWeights, oldScale) = (null!, null!, null!, null!);
        GC.Collect();

        var original = _original;
        _original = new int[n];
        for (var s = 0; s < n; s++)
        {
            _original[s] = original is null ? order[s] : original[order[s]];
        }
    }
}
