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
    public static TsneRun Create(EmbeddingMatrix data, TsneOptions? options = null, KnnGraph? graph = null, IProgress<ProjectionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new TsneOptions();
        Validate(data, options, graph);
        var n = data.Rows;
        var threads = options.Threads ?? Environment.ProcessorCount;
        var warnings = new List<string>();
        var perplexity = options.Perplexity;
        var largest = Math.Max(1.0, (n - 1) / 3.0);
        if (perplexity > largest)
        {
            perplexity = largest;
            warnings.Add($"Perplexity {options.Perplexity} is too large for {n} points; reduced to {perplexity:0.##}.");
        }

        var clock = Stopwatch.StartNew();
        var neighborTime = TimeSpan.Zero;
        SparseAffinities p;
        var k = 0;
        if (n == 1)
        {
            p = new SparseAffinities(1, [0, 0], [], []);
        }
        else
        {
            k = Math.Clamp(options.Neighbors ?? (int)Math.Floor(3 * perplexity), 1, n - 1);
            if (graph is null)
            {
                graph = NeighborSearch.BuildGraph(data, k, options.Metric, progress, cancellationToken);
                neighborTime = clock.Elapsed;
            }
            else if (graph.K < k)
            {
                warnings.Add($"The given graph has {graph.K} neighbours per point; {k} were asked for.");
                k = graph.K;
            }

            progress?.Report(new ProjectionProgress("affinities", 0, n));
            p = JointAffinities(graph.Truncate(Math.Min(k, graph.K)), perplexity, threads, cancellationToken);
            if (options.SupervisionLabels is { } labels && options.SuperviseFactor > 0)
            {
                Supervise(p, labels, options.SuperviseFactor);
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
