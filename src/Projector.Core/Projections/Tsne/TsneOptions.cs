using Projector.Core.Neighbors;

namespace Projector.Core.Projections.Tsne;

/// <summary>
/// Settings of a t-SNE run. The defaults are openTSNE's and FIt-SNE's: perplexity 30 over 90 nearest
/// neighbours, PCA initialisation, 250 iterations of early exaggeration 12 then 500 without,
/// learning rate N / exaggeration, gains and momentum 0.5 then 0.8 (the classic schedule).
/// </summary>
/// <remarks>
/// The gradient is computed without the textbook factor 4, as openTSNE does, so that "auto" learning
/// rate N / exaggeration and <see cref="MaxStepNorm"/> mean what they mean there (Belkina et al. 2019).
/// </remarks>
public sealed record TsneOptions
{
    /// <summary>Points up to which <see cref="TsneGradientMethod.Auto"/> sums the repulsion exactly (cheap, and free of grid or tree edge cases).</summary>
    public const int ExactThreshold = 256;

    /// <summary>Output dimensions, 2 or 3.</summary>
    public int Dimensions { get; init; } = 2;

    /// <summary>Effective number of neighbours; reduced to (N − 1) / 3 for small N (see <see cref="TsneRun.EffectivePerplexity"/>).</summary>
    public double Perplexity { get; init; } = 30;

    /// <summary>Step size; null means "auto" = N / current exaggeration (openTSNE), at least 1.</summary>
    public double? LearningRate { get; init; }

    /// <summary>Iterations in all, early exaggeration included.</summary>
    public int Iterations { get; init; } = 750;

    /// <summary>Iterations at the start with P multiplied by <see cref="EarlyExaggeration"/>.</summary>
    public int EarlyExaggerationIterations { get; init; } = 250;

    /// <summary>Factor on P during early exaggeration.</summary>
    public double EarlyExaggeration { get; init; } = 12;

    /// <summary>Factor on P after early exaggeration (1 = plain t-SNE; above 1 tightens clusters).</summary>
    public double Exaggeration { get; init; } = 1;

    /// <summary>Momentum during early exaggeration (0.5, the classic schedule; openTSNE uses 0.8 throughout).</summary>
    public double InitialMomentum { get; init; } = 0.5;

    /// <summary>Momentum after early exaggeration.</summary>
    public double FinalMomentum { get; init; } = 0.8;

    /// <summary>Largest length of one point's update per iteration (openTSNE's max_step_norm).</summary>
    public double MaxStepNorm { get; init; } = 5;

    /// <summary>Input-space metric of the neighbour search.</summary>
    public Metric Metric { get; init; } = Metric.Euclidean;

    /// <summary>Degrees of freedom α of the output kernel (1 + r²/α)^−α; 1 is the Cauchy kernel, below 1 gives heavier tails and finer clusters.</summary>
    public double DegreesOfFreedom { get; init; } = 1.0;

    /// <summary>
    /// Barnes-Hut accuracy: a cell is summarised when its width / distance is below θ. Null (the default)
    /// means 0.5 in 2-D and 0.7 in 3-D, which give the repulsion about the same relative error (0.9 % and
    /// 0.8 % on a clustered layout; 3-D at 0.5 errs by 0.2 % at 1.4x the cost).
    /// </summary>
    public double? Theta { get; init; }

    /// <summary>The θ Barnes-Hut uses for a layout of <paramref name="dimensions"/> dimensions.</summary>
    internal double ThetaFor(int dimensions) => Theta ?? (dimensions == 3 ? 0.7 : 0.5);

    /// <summary>How the layout starts.</summary>
    public TsneInitialization Initialization { get; init; } = TsneInitialization.Pca;

    /// <summary>
    /// Where the layout starts instead: N x <see cref="Dimensions"/> coordinates, row-major, taken as they are,
    /// to continue from an earlier t-SNE layout (at its own scale, as openTSNE's <c>optimize</c> continues). A
    /// start of another kind should be scaled as the PCA start is (standard deviation 1e-4) and keep early
    /// exaggeration. Null starts as <see cref="Initialization"/> says.
    /// </summary>
    public IReadOnlyList<float>? InitialLayout { get; init; }

    /// <summary>Seed of every random choice (random initialisation, PCA sign ties).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Worker threads; null uses every core. Same seed and same thread count give the same bytes.</summary>
    public int? Threads { get; init; }

    /// <summary>Neighbours per point; null means ⌊3 · perplexity⌋ (Gaussian affinities) or <see cref="UniformNeighbors"/> (uniform).</summary>
    public int? Neighbors { get; init; }

    /// <summary>How P(j|i) is spread over the neighbours: calibrated to the perplexity (default) or uniform.</summary>
    public TsneAffinityKernel Affinity { get; init; } = TsneAffinityKernel.Gaussian;

    /// <summary>Neighbours per point of uniform affinities when <see cref="Neighbors"/> is not given (openTSNE's k = 15).</summary>
    public const int UniformNeighbors = 15;

    /// <summary>One label per point for supervised t-SNE (null = unlabelled), as the TensorFlow projector's "supervise with" column.</summary>
    public IReadOnlyList<string?>? SupervisionLabels { get; init; }

    /// <summary>How strongly labels reweight P, 0 (none) to 1 (the projector's 100 %).</summary>
    public double SuperviseFactor { get; init; }

    /// <summary>The KL divergence is computed every this many iterations (and at the last one); 0 never.</summary>
    public int KlEvery { get; init; } = 50;

    /// <summary>Smallest number of FFT grid intervals per dimension (see <see cref="FftRepulsion.MinIntervals"/>); tests lower it to keep Debug runs short.</summary>
    internal int FftMinIntervals { get; init; } = FftRepulsion.MinIntervals;

    /// <summary>Largest number of FFT grid intervals per dimension; tests lower it to keep Debug runs short (accuracy drops).</summary>
    internal int FftMaxIntervals { get; init; } = int.MaxValue;

    /// <summary>Repulsive-force approximation.</summary>
    public TsneGradientMethod Gradient { get; init; } = TsneGradientMethod.Auto;
}
