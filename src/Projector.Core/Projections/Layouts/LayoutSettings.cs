using Projector.Core.Neighbors;

namespace Projector.Core.Projections.Layouts;

/// <summary>The few choices a finished layout needs; everything else takes the defaults of each method.</summary>
public sealed record LayoutSettings
{
    /// <summary>Output dimensions of t-SNE and UMAP (2 or 3).</summary>
    public int Dimensions { get; init; } = 2;

    /// <summary>Principal components kept by a PCA layout (at most D and 100).</summary>
    public int PcaComponents { get; init; } = 2;

    /// <summary>t-SNE and UMAP first reduce wider inputs to this many dimensions with PCA; 0 turns it off.</summary>
    public int PcaDims { get; init; } = 50;

    /// <summary>Input-space metric of t-SNE's and UMAP's neighbour search.</summary>
    public Metric Metric { get; init; } = Metric.Euclidean;

    /// <summary>Seed of every random choice; the same seed and threads give the same layout.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Worker threads; null uses every core.</summary>
    public int? Threads { get; init; }
}
