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
        var rows = new int[n * k];
        var cols = new int[n * k];
        var weights = new float[n * k];
        for (var i = 0; i < n; i++)
        {
            var indices = graph.Indices(i);
            var distances = graph.Distances(i);
            for (var j = 0; j < k; j++)
            {
                var e = (i * k) + j;
                rows[e] = i;
                cols[e] = Math.Max(indices[j], 0);
                var excess = distances[j] - rho[i];

                // An approximate search may return the point itself (umap-learn gives that entry 0) or,
                // short of candidates, a negative index for "none"; both are dropped by Union (weight 0).
                weights[e] = indices[j] == i || indices[j] < 0 ? 0f
                    : excess <= 0 || sigma[i] == 0 ? 1f
                    : (float)Math.Exp(-excess / sigma[i]);
            }
        }

        return Union(n, rows, cols, weights);
    }

    /// <summary>
    /// A + Aᵀ − A∘Aᵀ for the directed edges (rows, cols, weights); repeated entries of one pair combine
    /// the same way, 1 − Π(1 − w). Zero weights are dropped.
    /// </summary>
    public static FuzzySimplicialSet Union(int n, int[] rows, int[] cols, float[] weights)
    {
        // Every entry goes in twice: as (i, j) and as its transpose (j, i).
        var count = new int[n + 1];
        for (var e = 0; e < rows.Length; e++)
        {
            if (weights[e] > 0)
            {
                count[rows[e] + 1]++;
                count[cols[e] + 1]++;
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
        for (var e = 0; e < rows.Length; e++)
        {
            if (weights[e] > 0)
            {
                var p = next[rows[e]]++;
                c[p] = cols[e];
                w[p] = weights[e];
                p = next[cols[e]]++;
                c[p] = rows[e];
                w[p] = weights[e];
            }
        }

        // Sort each row by column, then merge equal columns into one fuzzy-union weight.
        var rowStart = new int[n + 1];
        var outCols = new List<int>(total);
        var outWeights = new List<float>(total);
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
                    outCols.Add(col);
                    outWeights.Add(union);
                }
            }

            rowStart[i + 1] = outCols.Count;
        }

        return new FuzzySimplicialSet(n, rowStart, [.. outCols], [.. outWeights]);
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
