using Projector.Core.Data;

namespace Projector.Core.Quality;

/// <summary>
/// Finds the clusters of a finished 2-D or 3-D layout (HDBSCAN on the layout positions: islands of any
/// shape, stragglers left as noise) and names each by the metadata most over-represented in it.
/// </summary>
/// <remarks>
/// Deterministic: there is no randomness, and the same layout gives the same clusters, ids and names
/// whatever the thread count. Clusters are numbered largest first (ties: the one holding the lower point
/// index first).
/// </remarks>
public static class LayoutClusters
{
    /// <summary>
    /// Clusters <paramref name="layout"/> (N x <paramref name="dims"/>, row-major, dims 2 or 3) and names the
    /// clusters from <paramref name="metadata"/> (null: unnamed).
    /// </summary>
    /// <param name="layout">The positions.</param>
    /// <param name="dims">2 or 3.</param>
    /// <param name="metadata">The points' metadata, one row per point, or null.</param>
    /// <param name="options">Null for <see cref="ClusterOptions.Default"/>.</param>
    /// <param name="progress">Told of the phases: neighbours, tree, names.</param>
    /// <param name="cancellationToken">Stops the computation.</param>
    /// <exception cref="ArgumentException">The layout's length is not N x dims, dims is not 2 or 3, a coordinate is not finite, or the metadata has another row count.</exception>
    public static ClusterResult Find(ReadOnlySpan<float> layout, int dims, MetadataTable? metadata, ClusterOptions? options, IProgress<ProjectionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= ClusterOptions.Default;
        if (dims is not (2 or 3))
        {
            throw new ArgumentException($"A layout to cluster has 2 or 3 dimensions, not {dims}.", nameof(dims));
        }

        if (layout.Length % dims != 0)
        {
            throw new ArgumentException($"The layout has {layout.Length} values, not a whole number of {dims}-d points.", nameof(layout));
        }

        var n = layout.Length / dims;
        if (metadata is not null && metadata.Rows != n)
        {
            throw new ArgumentException($"The metadata has {metadata.Rows} rows for {n} points.", nameof(metadata));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MinSamples, nameof(options));
        var minClusterSize = options.MinClusterSizeFor(n);
        if (n < 3)
        {
            return new ClusterResult(Enumerable.Repeat(-1, n).ToArray(), [], minClusterSize, options.MinSamples);
        }

        progress?.Report(new ProjectionProgress("neighbours", 0, 3));
        var tree = new LayoutTree(layout, dims);
        var minSamples = Math.Min(options.MinSamples, n - 1);
        var k = Math.Min(n - 1, Math.Max(minSamples, 15));
        var (neighbors, distances) = tree.Neighbors(k, options.Threads, cancellationToken);
        progress?.Report(new ProjectionProgress("tree", 1, 3));
        var raw = Hdbscan.Cluster(n, k, neighbors, distances, minSamples, minClusterSize, Extent(layout, dims) * 1e-7, cancellationToken);
        var (assignments, sizes) = Renumber(raw);
        progress?.Report(new ProjectionProgress("names", 2, 3));
        var terms = ClusterNaming.Terms(assignments, sizes.Length, metadata, cancellationToken);
        var medoids = Medoids(layout, dims, assignments, sizes.Length);
        var clusters = new ClusterSummary[sizes.Length];
        for (var c = 0; c < clusters.Length; c++)
        {
            var center = layout.Slice(medoids[c] * dims, dims).ToArray();
            clusters[c] = new ClusterSummary(c, sizes[c], medoids[c], center, ClusterNaming.Label(terms[c], options.LabelColumn), terms[c]);
        }

        progress?.Report(new ProjectionProgress("names", 3, 3));
        return new ClusterResult(assignments, clusters, minClusterSize, minSamples);
    }

    /// <summary>Ids by size, largest first; equal sizes by their lowest point index.</summary>
    private static (int[] Assignments, int[] Sizes) Renumber(int[] raw)
    {
        var size = new Dictionary<int, int>();
        var first = new Dictionary<int, int>();
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] < 0)
            {
                continue;
            }

            size[raw[i]] = size.GetValueOrDefault(raw[i]) + 1;
            first.TryAdd(raw[i], i);
        }

        var order = size.Keys.OrderByDescending(c => size[c]).ThenBy(c => first[c]).ToList();
        var id = new Dictionary<int, int>();
        for (var j = 0; j < order.Count; j++)
        {
            id[order[j]] = j;
        }

        var assignments = Array.ConvertAll(raw, r => r < 0 ? -1 : id[r]);
        return (assignments, [.. order.Select(c => size[c])]);
    }

    /// <summary>Per cluster, the member nearest to the coordinate-wise median (ties: the lower index).</summary>
    private static int[] Medoids(ReadOnlySpan<float> layout, int dims, int[] assignments, int clusters)
    {
        var coords = new List<float>[clusters * dims];
        for (var j = 0; j < coords.Length; j++)
        {
            coords[j] = [];
        }

        for (var i = 0; i < assignments.Length; i++)
        {
            if (assignments[i] >= 0)
            {
                for (var d = 0; d < dims; d++)
                {
                    coords[(assignments[i] * dims) + d].Add(layout[(i * dims) + d]);
                }
            }
        }

        var median = new double[clusters * dims];
        for (var j = 0; j < coords.Length; j++)
        {
            coords[j].Sort();
            median[j] = coords[j].Count == 0 ? 0 : coords[j][coords[j].Count / 2];
        }

        var medoid = new int[clusters];
        var best = new double[clusters];
        Array.Fill(medoid, -1);
        for (var i = 0; i < assignments.Length; i++)
        {
            var c = assignments[i];
            if (c < 0)
            {
                continue;
            }

            var squared = 0.0;
            for (var d = 0; d < dims; d++)
            {
                var diff = layout[(i * dims) + d] - median[(c * dims) + d];
                squared += diff * diff;
            }

            if (medoid[c] < 0 || squared < best[c])
            {
                (medoid[c], best[c]) = (i, squared);
            }
        }

        return medoid;
    }

    private static double Extent(ReadOnlySpan<float> layout, int dims)
    {
        var extent = 0.0;
        for (var d = 0; d < dims; d++)
        {
            var lo = double.PositiveInfinity;
            var hi = double.NegativeInfinity;
            for (var i = d; i < layout.Length; i += dims)
            {
                lo = Math.Min(lo, layout[i]);
                hi = Math.Max(hi, layout[i]);
            }

            extent = Math.Max(extent, hi - lo);
        }

        return Math.Max(extent, 1e-12);
    }
}
