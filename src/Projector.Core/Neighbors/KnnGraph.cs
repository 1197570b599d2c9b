namespace Projector.Core.Neighbors;

/// <summary>
/// The k nearest neighbours of every point, self excluded, nearest first: N x k indices and true
/// distances in two flat row-major arrays.
/// </summary>
public sealed class KnnGraph
{
    /// <summary>Wraps neighbour arrays of length points x k.</summary>
    public KnnGraph(int points, int k, int[] indices, float[] distances, Metric metric, bool isExact)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(distances);
        if (indices.LongLength != (long)points * k || distances.LongLength != (long)points * k)
        {
            throw new ArgumentException($"Expected {(long)points * k} indices and distances for {points} x {k}.", nameof(indices));
        }

        Points = points;
        K = k;
        AllIndices = indices;
        AllDistances = distances;
        Metric = metric;
        IsExact = isExact;
    }

    /// <summary>Number of points.</summary>
    public int Points { get; }

    /// <summary>Neighbours per point.</summary>
    public int K { get; }

    /// <summary>The metric the distances are in.</summary>
    public Metric Metric { get; }

    /// <summary>True when computed by exact search.</summary>
    public bool IsExact { get; }

    /// <summary>
    /// For an approximate graph, the fraction of true k nearest neighbours it found on a sample of rows
    /// checked by exact search (see <see cref="KnnRecall.Estimate"/>); null when exact or not estimated.
    /// </summary>
    public double? EstimatedRecall { get; internal set; }

    /// <summary>Neighbour indices, row i at [i*K, (i+1)*K).</summary>
    public int[] AllIndices { get; }

    /// <summary>Neighbour distances, aligned with <see cref="AllIndices"/>.</summary>
    public float[] AllDistances { get; }

    /// <summary>The neighbours of point <paramref name="i"/>, nearest first.</summary>
    public ReadOnlySpan<int> Indices(int i) => AllIndices.AsSpan(i * K, K);

    /// <summary>The distances of point <paramref name="i"/>'s neighbours, ascending.</summary>
    public ReadOnlySpan<float> Distances(int i) => AllDistances.AsSpan(i * K, K);

    /// <summary>A graph with only the first <paramref name="k"/> neighbours of each point.</summary>
    public KnnGraph Truncate(int k)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, K);
        if (k == K)
        {
            return this;
        }

        var idx = new int[Points * k];
        var dist = new float[Points * k];
        for (var i = 0; i < Points; i++)
        {
            Indices(i)[..k].CopyTo(idx.AsSpan(i * k, k));
            Distances(i)[..k].CopyTo(dist.AsSpan(i * k, k));
        }

        return new KnnGraph(Points, k, idx, dist, Metric, IsExact) { EstimatedRecall = EstimatedRecall };
    }
}
