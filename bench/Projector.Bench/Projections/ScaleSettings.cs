using Projector.Core.Neighbors;

namespace Projector.Bench.Projections;

/// <summary>
/// What the scale benchmark may change from the defaults: a prefix of the rows (to extrapolate memory
/// before a full run), k and the NN-descent settings (to price a cheaper graph in layout quality), the
/// epochs, and the quality sample (each sampled point is searched exactly against all rows).
/// </summary>
internal sealed record ScaleSettings(int? Rows, int? K, int? Epochs, int? QualitySample, NeighborOptions Neighbors)
{
    /// <summary>t-SNE's affinities (--affinity gaussian|uniform).</summary>
    public Projector.Core.Projections.Tsne.TsneAffinityKernel Affinity { get; init; }

    /// <summary>The layout's seed (--seed; the kNN search keeps its own).</summary>
    public int Seed { get; init; } = 42;

    public static ScaleSettings Default { get; } = new(null, null, null, null, NeighborOptions.Default);
}
