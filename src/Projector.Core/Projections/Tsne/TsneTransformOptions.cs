using Projector.Core.Neighbors;

namespace Projector.Core.Projections.Tsne;

/// <summary>
/// Settings for placing new points into an existing t-SNE layout, openTSNE's defaults for
/// <c>transform</c>: perplexity 5 over 25 reference neighbours, median initialisation, learning
/// rate 0.1, 250 iterations, reference points fixed.
/// </summary>
public sealed record TsneTransformOptions
{
    /// <summary>Perplexity of each new point's affinities to the reference points (small: new points follow their closest neighbours).</summary>
    public double Perplexity { get; init; } = 5;

    /// <summary>Reference neighbours per new point.</summary>
    public int Neighbors { get; init; } = 25;

    /// <summary>Step size.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Optimisation iterations.</summary>
    public int Iterations { get; init; } = 250;

    /// <summary>Momentum throughout.</summary>
    public double Momentum { get; init; } = 0.8;

    /// <summary>Largest update length of one point per iteration.</summary>
    public double MaxStepNorm { get; init; } = 5;

    /// <summary>Degrees of freedom of the output kernel; use the reference run's value.</summary>
    public double DegreesOfFreedom { get; init; } = 1.0;

    /// <summary>Barnes-Hut accuracy of the repulsion from the reference points.</summary>
    public double Theta { get; init; } = 0.5;

    /// <summary>Input-space metric; use the reference run's.</summary>
    public Metric Metric { get; init; } = Metric.Euclidean;

    /// <summary>Worker threads; null uses every core. The result does not depend on it.</summary>
    public int? Threads { get; init; }

    /// <summary>
    /// An approximate index of the reference rows to find each new point's neighbours in (for a large
    /// reference, built once for many placements); null searches the reference exactly.
    /// </summary>
    public NeighborIndex? Index { get; init; }
}
