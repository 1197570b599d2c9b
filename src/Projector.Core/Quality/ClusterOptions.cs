namespace Projector.Core.Quality;

/// <summary>How <see cref="LayoutClusters.Find"/> clusters a layout and names its clusters.</summary>
public sealed record ClusterOptions
{
    /// <summary>
    /// The fewest points a cluster may have; null takes 1 % of the points, at least 10 and at most
    /// 10,000, which keeps a map to a few dozen clusters at any size. Default null.
    /// </summary>
    public int? MinClusterSize { get; init; }

    /// <summary>
    /// Neighbours that define a point's core distance (HDBSCAN's <c>min_samples</c>): larger is more
    /// conservative, more points become noise. Default 10.
    /// </summary>
    public int MinSamples { get; init; } = 10;

    /// <summary>The metadata column whose values name the clusters; null picks, per cluster, the most telling column. Default null.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>Worker threads; null uses all cores. Results do not depend on it.</summary>
    public int? Threads { get; init; }

    /// <summary>The default options.</summary>
    public static ClusterOptions Default { get; } = new();

    /// <summary>The minimum cluster size used for <paramref name="points"/> points.</summary>
    public int MinClusterSizeFor(int points) => MinClusterSize ?? Math.Clamp(points / 100, 10, 10_000);
}
