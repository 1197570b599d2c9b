using Projector.Core.Neighbors;

namespace Projector.Core.Projections.Umap;

/// <summary>
/// The symmetric fuzzy graph UMAP lays out, in CSR form: row i's neighbours are
/// <c>Columns[RowStart[i] .. RowStart[i + 1]]</c>, ascending, with weights in (0, 1].
/// </summary>
/// <remarks>
/// As umap-learn's <c>fuzzy_simplicial_set</c> (McInnes et al. 2018, section 3): the directed
/// membership A_ij = exp(−max(0, d_ij − ρ_i) / σ_i), then the fuzzy union A + Aᵀ − A∘Aᵀ. Rows are built
/// by a stable counting sort and a per-row sort by column, so the order never depends on threads.
/// </remarks>
internal sealed partial class FuzzySimplicialSet
{
    private FuzzySimplicialSet(int points, int[] rowStart, int[] columns, float[] weights)
    {
        Points = points;
        RowStart = rowStart;
        Columns = columns;
        Weights = weights;
    }

    /// <summary>Number of points (rows).</summary>
    public int Points { get; }

    /// <summary>Row offsets, length <see cref="Points"/> + 1.</summary>
    public int[] RowStart { get; }

    /// <summary>Column of every stored edge.</summary>
    public int[] Columns { get; }

    /// <summary>Weight of every stored edge, in (0, 1].</summary>
    public float[] Weights { get; }

    /// <summary>Number of stored (directed) edges; each undirected edge is stored twice.</summary>
    public int Edges => Columns.Length;

    /// <summary>The fuzzy union of the smoothed kNN memberships of <paramref name="graph"/>.</summary>
    public static FuzzySimplicialSet FromKnn(KnnGraph graph, float[] rho, float[] sigma)
    {
        var n = graph.Points;
        var k = graph.K;
        var cols = new int[(long)n * k];
        var weights = new float[(long)n * k];
        var rowStart = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            rowStart[i + 1] = (i + 1) * k;
            var indices = graph.Indices(i);
            var distances = graph.Distances(i);
            for (var j = 0; j < k; j++)
            {
                var e = (i * k) + j;
                cols[e] = Math.Max(indices[j], 0);
                var excess = distances[j] - rho[i];

                // An approximate search may return the point itself (umap-learn gives that entry 0) or,
                // short of candidates, a negative index for "none"; both are dropped by Union (weight 0).
                weights[e] = indices[j] == i || indices[j] < 0 ? 0f
                    : excess <= 0 || sigma[i] == 0 ? 1f
                    : (float)Math.Exp(-excess / sigma[i]);
            }
        }

        return Union(n, rowStart, cols, weights);
    }

    /// <summary>
    /// A + Aᵀ − A∘Aᵀ for the directed edges of A, given by row: row i's entries are
    /// (<paramref name="cols"/>, <paramref name="weights"/>)[<paramref name="rowStart"/>[i] .. <paramref name="rowStart"/>[i + 1]].
    /// Repeated entries of one pair combine the same way, 1 − Π(1 − w). Zero weights are dropped.
    /// </summary>
    /// <remarks>
    /// Memory is what bounds the largest inputs here (10M points at k = 15 make 300M directed entries), so
    /// rows are given by offsets rather than one row number per entry, and equal columns are merged in
    /// place in the transposed arrays: the output never needs more than those two arrays and an exact-size copy.
    /// </remarks>
    public static FuzzySimplicialSet Union(int n, ReadOnlySpan<int> rowStart, int[] cols, float[] weights)
    {
        // Every entry goes in twice: as (i, j) and as its transpose (j, i).
        var count = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            for (var e = rowStart[i]; e < rowStart[i + 1]; e++)
            {
                if (weights[e] > 0)
                {
                    count[i + 1]++;
                    count[cols[e] + 1]++;
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            count[i + 1] += count[i];
        }

        var total = count[n];
        var next = (int[])count.Clone();
        var c = new int[total];
        var w = new float[total];
        for (var i = 0; i < n; i++)
        {
            for (var e = rowStart[i]; e < rowStart[i + 1]; e++)
            {
                if (weights[e] > 0)
                {
                    var p = next[i]++;
                    c[p] = cols[e];
                    w[p] = weights[e];
                    p = next[cols[e]]++;
                    c[p] = i;
                    w[p] = weights[e];
                }
            }
        }

        // Sort each row by column, then merge equal columns into one fuzzy-union weight, written back in
        // place: the write position never passes the read position.
        var outStart = new int[n + 1];
        var written = 0;
        for (var i = 0; i < n; i++)
        {
            var start = count[i];
            var length = count[i + 1] - start;
            Array.Sort(c, w, start, length);
            var p = start;
            while (p < start + length)
            {
                var col = c[p];
                var keep = 1.0;
                while (p < start + length && c[p] == col)
                {
                    keep *= 1.0 - w[p];
                    p++;
                }

                var union = (float)(1.0 - keep);
                if (union > 0 && col != i)
                {
                    c[written] = col;
                    w[written] = union;
                    written++;
                }
            }

            outStart[i + 1] = written;
        }

        return new FuzzySimplicialSet(n, outStart, c[..written], w[..written]);
    }

    /// <summary>The largest weight.</summary>
    public float MaxWeight()
    {
        var max = 0f;
        foreach (var x in Weights)
        {
            max = Math.Max(max, x);
        }

        return max;
    }
}
