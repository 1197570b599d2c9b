using System.Diagnostics;
using Projector.Core.Data;
using Projector.Core.Neighbors;

namespace Projector.Core.Projections.Tsne;

/// <summary>
/// t-distributed stochastic neighbour embedding of N x D vectors into 2 or 3 dimensions, on all points,
/// step by step.
/// </summary>
/// <remarks>
/// The algorithm and defaults are openTSNE's (Poličar et al.), with FIt-SNE's FFT-accelerated
/// interpolation for the repulsion in 2-D (Linderman et al. 2019) and Barnes-Hut in 3-D
/// (van der Maaten 2014). In one line: minimise KL(P‖Q) where P are perplexity-calibrated Gaussian
/// affinities over the k nearest neighbours and q_ij ∝ (1 + ‖y_i − y_j‖²/α)^−α.
/// </remarks>
public static partial class TsneProjection
{
    /// <summary>
    /// Prepares a run: neighbours (k = 3 · perplexity, unless <paramref name="graph"/> is given), affinities
    /// and the initial layout. Nothing is optimised until <see cref="TsneRun.Step"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Options out of range, no rows, non-finite values, a graph or label list of the wrong size, FFT asked for 3-D.</exception>
    public static TsneRun Create(EmbeddingMatrix data, TsneOptions? options = null, KnnGraph? graph = null, IProgress<ProjectionProgress>? progress = null, CancellationToken cancellationToken = default) =>
        CreateFrom(data, options, graph, null, progress, cancellationToken);

    /// <summary>
    /// <see cref="Create"/> starting from <paramref name="affinities"/> when they were calibrated for these options and points
    /// (see <see cref="Affinities"/>); otherwise they are computed as usual.
    /// </summary>
    internal static TsneRun CreateFrom(EmbeddingMatrix data, TsneOptions? options, KnnGraph? graph, TsneAffinities? affinities, IProgress<ProjectionProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new TsneOptions();
        Validate(data, options, graph);
        var n = data.Rows;
        var threads = options.Threads ?? Environment.ProcessorCount;
        var warnings = new List<string>();
        var (perplexity, k) = Neighbourhood(n, options, graph, warnings);
        var clock = Stopwatch.StartNew();
        var neighborTime = TimeSpan.Zero;
        SparseAffinities p;
        if (n == 1)
        {
            p = new SparseAffinities(1, [0, 0], [], []);
        }
        else
        {
            var reweighted = options.SupervisionLabels is not null && options.SuperviseFactor > 0;
            if (affinities is not null && affinities.Points == n && affinities.Neighbors == k && affinities.Perplexity.Equals(perplexity) && affinities.Kernel == options.Affinity)
            {
                p = affinities.ForRun(reweighted);
            }
            else
            {
                if (graph is null)
                {
                    graph = NeighborSearch.BuildGraph(data, k, options.Metric, progress, cancellationToken);
                    neighborTime = clock.Elapsed;
                }

                progress?.Report(new ProjectionProgress("affinities", 0, n));
                p = JointAffinities(graph.Truncate(k), perplexity, options.Affinity, threads, cancellationToken);
            }

            if (reweighted)
            {
                Supervise(p, options.SupervisionLabels!, options.SuperviseFactor);
            }
        }

        var y = options.InitialLayout is { } given
            ? [.. given.Select(v => (double)v)]
            : InitialLayout(data, options.Dimensions, options.Initialization, options.Seed, cancellationToken);
        progress?.Report(new ProjectionProgress("affinities", n, n));
        return new TsneRun(p, y, options, Resolve(options, n), threads, data)
        {
            EffectivePerplexity = perplexity,
            Neighbors = k,
            Warnings = warnings,
            NeighborTime = neighborTime,
            AffinityTime = clock.Elapsed - neighborTime,
        };
    }

    /// <summary>
    /// The affinities a run of <paramref name="options"/> over <paramref name="graph"/> starts from (before any
    /// reweighting by labels), computed on their own so they can be kept and given to later runs.
    /// </summary>
    internal static TsneAffinities Affinities(KnnGraph graph, TsneOptions options, int threads, IProgress<ProjectionProgress>? progress, CancellationToken cancellationToken)
    {
        var n = graph.Points;
        var (perplexity, k) = Neighbourhood(n, options, graph, null);
        if (n == 1)
        {
            return new TsneAffinities(new SparseAffinities(1, [0, 0], [], []), perplexity, k, options.Affinity);
        }

        progress?.Report(new ProjectionProgress("affinities", 0, n));
        var p = JointAffinities(graph.Truncate(k), perplexity, options.Affinity, threads, cancellationToken);
        progress?.Report(new ProjectionProgress("affinities", n, n));
        return new TsneAffinities(p, perplexity, k, options.Affinity);
    }

    /// <summary>
    /// The perplexity (capped at (N − 1) / 3) and neighbours per point (3 · perplexity, capped at what
    /// <paramref name="graph"/> holds) of a run on <paramref name="n"/> points, each reduction noted in <paramref name="warnings"/>.
    /// </summary>
    internal static (double Perplexity, int K) Neighbourhood(int n, TsneOptions options, KnnGraph? graph, List<string>? warnings)
    {
        var perplexity = options.Perplexity;
        var largest = Math.Max(1.0, (n - 1) / 3.0);
        if (perplexity > largest)
        {
            perplexity = largest;
            warnings?.Add($"Perplexity {options.Perplexity} is too large for {n} points; reduced to {perplexity:0.##}.");
        }

        if (n == 1)
        {
            return (perplexity, 0);
        }

        var k = Math.Clamp(options.Neighbors ?? (options.Affinity == TsneAffinityKernel.Uniform ? TsneOptions.UniformNeighbors : (int)Math.Floor(3 * perplexity)), 1, n - 1);
        if (graph is not null && graph.K < k)
        {
            warnings?.Add($"The given graph has {graph.K} neighbours per point; {k} were asked for.");
            k = graph.K;
        }

        return (perplexity, k);
    }

    /// <summary>Runs t-SNE to the end and returns the final layout (N x Dimensions).</summary>
    public static ProjectionFrame Fit(EmbeddingMatrix data, TsneOptions? options = null, KnnGraph? graph = null, IProgress<ProjectionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var run = Create(data, options, graph, progress, cancellationToken);
        return ProjectionRunner.RunToEnd(run, progress, cancellationToken);
    }

    private static TsneGradientMethod Resolve(TsneOptions options, int n) => options.Gradient switch
    {
        TsneGradientMethod.Auto when n <= TsneOptions.ExactThreshold => TsneGradientMethod.Exact,
        TsneGradientMethod.Auto when options.Dimensions == 3 => TsneGradientMethod.BarnesHut,
        _ => options.Gradient,
    };

    private static void Validate(EmbeddingMatrix data, TsneOptions o, KnnGraph? graph)
    {
        if (data.Rows == 0)
        {
            throw new ArgumentException("t-SNE needs at least one point.", nameof(data));
        }

        if (data.FindNonFinite() is { } bad)
        {
            throw new ArgumentException($"Row {bad.Row}, column {bad.Column} is not a finite number; t-SNE needs finite inputs.", nameof(data));
        }

        static void Check(bool ok, string message)
        {
            if (!ok)
            {
                throw new ArgumentException(message, "options");
            }
        }

        Check(o.Dimensions is 2 or 3, $"Dimensions must be 2 or 3; got {o.Dimensions}.");
        Check(o.Perplexity > 0 && double.IsFinite(o.Perplexity), $"Perplexity must be positive; got {o.Perplexity}.");
        Check(o.Iterations >= 0 && o.EarlyExaggerationIterations >= 0, "Iterations must not be negative.");
        Check(o.EarlyExaggeration > 0 && o.Exaggeration > 0, "Exaggeration must be positive.");
        Check(o.LearningRate is null || o.LearningRate > 0, "The learning rate must be positive (or null for auto).");
        Check(o.InitialMomentum is >= 0 and < 1 && o.FinalMomentum is >= 0 and < 1, "Momentum must be in [0, 1).");
        Check(o.DegreesOfFreedom > 0 && double.IsFinite(o.DegreesOfFreedom), "DegreesOfFreedom must be positive.");
        Check(o.Theta is null or >= 0, "Theta must not be negative.");
        Check(o.Threads is null || o.Threads >= 1, "Threads must be at least 1.");
        Check(o.Neighbors is null || o.Neighbors >= 1, "Neighbors must be at least 1.");
        Check(o.SuperviseFactor is >= 0 and <= 1, $"SuperviseFactor must be between 0 and 1; got {o.SuperviseFactor}.");
        Check(o.KlEvery >= 0, "KlEvery must not be negative.");
        Check(!(o.Gradient == TsneGradientMethod.Fft && o.Dimensions != 2), "The FFT gradient is 2-D only; use BarnesHut for 3-D.");
        Check(o.SupervisionLabels is null || o.SupervisionLabels.Count == data.Rows, $"Expected {data.Rows} supervision labels, one per point.");
        Check(o.InitialLayout is null || o.InitialLayout.Count == (long)data.Rows * o.Dimensions, $"The initial layout must hold {data.Rows} x {o.Dimensions} values; it holds {o.InitialLayout?.Count}.");
        Check(o.InitialLayout is null || o.InitialLayout.All(float.IsFinite), "The initial layout must hold finite numbers.");
        if (graph is not null && graph.Points != data.Rows)
        {
            throw new ArgumentException($"The graph has {graph.Points} points; the data has {data.Rows}.", nameof(graph));
        }
    }
}
