using Projector.Core.Data;

namespace Projector.Core.Neighbors;

/// <summary>How close an approximate kNN graph is to the exact one.</summary>
internal static class KnnRecall
{
    /// <summary>
    /// Recall@k on a sample: for <paramref name="sample"/> rows drawn without replacement with
    /// <paramref name="seed"/> (all rows when there are fewer), the fraction of each row's exact k nearest
    /// neighbours (by exact search against all rows, in the graph's metric) that the graph lists, averaged.
    /// </summary>
    /// <remarks>Costs sample x N distances. Exact distance ties can make a correct graph score slightly under 1.</remarks>
    public static double Estimate(EmbeddingMatrix data, KnnGraph graph, int sample, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sample);
        if (graph.Points != data.Rows)
        {
            throw new ArgumentException($"The graph has {graph.Points} points; the data has {data.Rows} rows.", nameof(graph));
        }

        if (graph.K == 0)
        {
            return 1;
        }

        var rows = SampleRows(data.Rows, sample, seed);
        var prepared = new PreparedRows(data, graph.Metric);
        var hits = new int[rows.Length];
        var buffer = new float[data.Rows];
        // One query per sampled row; each query scans all rows (in parallel for large N).
        for (var s = 0; s < rows.Length; s++)
        {
            var i = rows[s];
            var truth = NeighborSearch.Query(prepared, prepared.Row(i).ToArray(), graph.K, i, buffer);
            var found = graph.Indices(i);
            foreach (var t in truth)
            {
                hits[s] += found.Contains(t.Index) ? 1 : 0;
            }
        }

        return hits.Sum() / ((double)rows.Length * graph.K);
    }

    /// <summary>min(sample, n) distinct rows, ascending, drawn by rejection with <paramref name="seed"/>.</summary>
    internal static int[] SampleRows(int n, int sample, int seed)
    {
        if (sample >= n)
        {
            return Enumerable.Range(0, n).ToArray();
        }

        var rng = new Random(seed);
        var picked = new HashSet<int>();
        var rows = new int[sample];
        for (var s = 0; s < sample;)
        {
            var j = rng.Next(n);
            if (picked.Add(j))
            {
                rows[s++] = j;
            }
        }

        Array.Sort(rows);
        return rows;
    }
}
