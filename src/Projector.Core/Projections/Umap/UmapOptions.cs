using Projector.Core.Neighbors;

namespace Projector.Core.Projections.Umap;

/// <summary>Options of <see cref="UmapProjection"/>; the defaults are umap-learn's.</summary>
public sealed record UmapOptions
{
    /// <summary>The largest number of points that is given the <see cref="UmapInitialization.Spectral"/> start; above it PCA is used (see <see cref="UmapRun.Initialization"/>).</summary>
    public const int SpectralLimit = 200_000;

    /// <summary>Output dimensions, 2 or 3.</summary>
    public int Dimensions { get; init; } = 2;

    /// <summary>Neighbours per point (k, self not counted); clamped to N − 1.</summary>
    public int Neighbors { get; init; } = 15;

    /// <summary>The smallest distance between points in the layout (the curve's flat top), in layout units.</summary>
    public double MinDist { get; init; } = 0.1;

    /// <summary>The scale over which the layout's similarity decays, in layout units; at least <see cref="MinDist"/>.</summary>
    public double Spread { get; init; } = 1.0;

    /// <summary>The initial SGD learning rate; it decays linearly to 0 over the epochs.</summary>
    public double LearningRate { get; init; } = 1.0;

    /// <summary>Negative samples drawn per positive sample.</summary>
    public int NegativeSampleRate { get; init; } = 5;

    /// <summary>The number of neighbours assumed to be at distance 0 (ρ is the distance to this one).</summary>
    public double LocalConnectivity { get; init; } = 1.0;

    /// <summary>Epochs of SGD; null means 500 for up to 10,000 points and 200 above.</summary>
    public int? Epochs { get; init; }

    /// <summary>The metric of the input space.</summary>
    public Metric Metric { get; init; } = Metric.Euclidean;

    /// <summary>How the layout starts.</summary>
    public UmapInitialization Initialization { get; init; } = UmapInitialization.Spectral;

    /// <summary>
    /// Where the layout starts instead: N x <see cref="Dimensions"/> coordinates, row-major, taken as they are
    /// (an earlier UMAP layout has UMAP's scale) with the same tiny seeded noise as a spectral start. Null starts as
    /// <see cref="Initialization"/> says. Used to carry one layout into the next.
    /// </summary>
    public IReadOnlyList<float>? InitialLayout { get; init; }

    /// <summary>Seed of every random choice (initial noise, negative samples).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Worker threads; null means all cores. The result does not depend on it.</summary>
    public int? Threads { get; init; }

    /// <summary>Labels that pull same-label points together (supervised UMAP), or null.</summary>
    public UmapSupervision? Supervision { get; init; }

    /// <summary>The epochs for <paramref name="points"/> points: <see cref="Epochs"/> or the size rule.</summary>
    public int EpochsFor(int points) => Epochs ?? (points <= 10_000 ? 500 : 200);
}
