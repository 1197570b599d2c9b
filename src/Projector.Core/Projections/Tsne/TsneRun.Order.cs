namespace Projector.Core.Projections.Tsne;

// Keeping neighbours near each other in memory: the attraction reads y_j for every entry of P, which
// for a million points (over 100 M entries) in index order is one cache miss per entry.
public sealed partial class TsneRun
{
    /// <summary>
    /// Fewest points for which the run renumbers its points along a Morton curve of the layout. Below it
    /// the layout fits in the core's cache anyway. Measured on a 1M-point mixture: the attraction took
    /// 0.56 s per iteration in input order.
    /// </summary>
    internal const int ReorderFrom = 32_768;

    /// <summary>Original point at each internal position; null while the points are in input order.</summary>
    private int[]? _original;

    /// <summary>Fewest points for which this run renumbers (<see cref="ReorderFrom"/>; tests lower it).</summary>
    internal int ReorderThreshold { get; set; } = ReorderFrom;

    /// <summary>Renumbering happens before these iterations, and then every 100th, as the layout settles into its neighbourhoods.</summary>
    private bool ReorderDue => Points >= ReorderThreshold && (Iteration is 0 or 25 or 50 || Iteration % 100 == 0);

    /// <summary>
    /// Renumbers the points along a Morton curve of the current layout: positions, gains, updates and the
    /// rows and columns of P move together. A function of the positions only, so runs stay reproducible.
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

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _threads };
        foreach (var values in new[] { _y, _gains, _update })
        {
            var copy = (double[])values.Clone();
            Parallel.For(0, n, parallel, s => copy.AsSpan(order[s] * dims, dims).CopyTo(values.AsSpan(s * dims, dims)));
        }

        var old = _p;
        var rowStart = new int[n + 1];
        for (var s = 0; s < n; s++)
        {
            rowStart[s + 1] = rowStart[s] + (old.RowStart[order[s] + 1] - old.RowStart[order[s]]);
        }

        var columns = new int[old.Count];
        var values32 = new float[old.Count];
        Parallel.For(0, n, parallel, s =>
        {
            var from = old.RowStart[order[s]];
            var length = rowStart[s + 1] - rowStart[s];
            old.Values.AsSpan(from, length).CopyTo(values32.AsSpan(rowStart[s], length));
            for (var e = 0; e < length; e++)
            {
                columns[rowStart[s] + e] = rank[old.Columns[from + e]];
            }
        });
        _p = new SparseAffinities(n, rowStart, columns, values32);

        var original = _original;
        _original = new int[n];
        for (var s = 0; s < n; s++)
        {
            _original[s] = original is null ? order[s] : original[order[s]];
        }
    }
}
