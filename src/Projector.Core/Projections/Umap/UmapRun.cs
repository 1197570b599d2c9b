using System.Diagnostics;
using System.Runtime.CompilerServices;
using Projector.Core.Data;
using Projector.Core.Neighbors;

namespace Projector.Core.Projections.Umap;

/// <summary>
/// A UMAP layout in progress (see <see cref="UmapProjection.Create"/>): the set-up is done, each <see cref="Step"/>
/// runs one epoch of SGD, <see cref="Snapshot"/> copies the layout.
/// </summary>
/// <remarks>
/// Not thread-safe: call <see cref="Step"/> and <see cref="Snapshot"/> from one thread at a time. The learning
/// rate decays linearly from <see cref="UmapOptions.LearningRate"/> to 0 over the epochs.
/// </remarks>
public sealed class UmapRun : IIterativeProjection
{
    private readonly float[] _positions;
    private readonly UmapOptimizer? _optimizer;
    private readonly ParallelOptions _parallel;
    private readonly float _learningRate;

    // Fully optimised from the first (and only) call: unoptimised code keeps every local alive to the end
    // of the method, and here that would hold the kNN graph and the fuzzy set (2.8 GB at 10M points)
    // alongside the optimizer's edge arrays while they are made.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal UmapRun(EmbeddingMatrix data, UmapOptions options, KnnGraph? graph, IProgress<ProjectionProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        Points = data.Rows;
        Dimensions = options.Dimensions;
        TotalIterations = options.EpochsFor(Points);
        _learningRate = (float)options.LearningRate;
        _parallel = ParallelScheduling.Options(options.Threads);
        (A, B) = UmapCurve.Fit(options.MinDist, options.Spread);
        if (Points == 1)
        {
            // Nothing to lay out: one point at the origin, and epochs that do nothing.
            _positions = new float[Dimensions];
            Initialization = UmapInitialization.Random;
            return;
        }

        var k = Math.Min(options.Neighbors, Points - 1);
        graph = graph is null
            ? NeighborSearch.BuildGraph(data, k, options.Metric, progress, ct)
            : graph.Truncate(k);
        NeighborTime = clock.Elapsed;

        progress?.Report(new ProjectionProgress("fuzzy set", 0, 1));
        var (rho, sigma) = SmoothKnnDistances.Compute(graph, options.LocalConnectivity, _parallel);
        var fuzzy = FuzzySimplicialSet.FromKnn(graph, rho, sigma);
        if (options.Supervision is { } supervision)
        {
            fuzzy = fuzzy.IntersectLabels(supervision.Labels, supervision.FarDistance);
        }

        FuzzySetTime = clock.Elapsed - NeighborTime;
        ct.ThrowIfCancellationRequested();

        progress?.Report(new ProjectionProgress("initialization", 0, 1));
        (_positions, Initialization) = options.InitialLayout is { } given
            ? (InitialLayout.FromGiven(given, options.Seed), UmapInitialization.Given)
            : InitialLayout.Create(data, fuzzy, Dimensions, options.Initialization, options.Seed, _parallel, ct);
        _optimizer = new UmapOptimizer(fuzzy, Dimensions, TotalIterations, A, B, options.NegativeSampleRate, options.Seed);
        InitializationTime = clock.Elapsed - NeighborTime - FuzzySetTime;
    }

    /// <inheritdoc />
    public int Iteration { get; private set; }

    /// <inheritdoc />
    public int TotalIterations { get; }

    /// <inheritdoc />
    public int Dimensions { get; }

    /// <inheritdoc />
    public int Points { get; }

    /// <inheritdoc />
    public string Phase => Iteration < TotalIterations ? "optimizing" : "done";

    /// <summary>Always null: UMAP's cross-entropy is not computed during the run.</summary>
    public double? LastCost => null;

    /// <summary>The start actually used (spectral falls back to PCA above <see cref="UmapOptions.SpectralLimit"/> points, and to random for tiny inputs).</summary>
    public UmapInitialization Initialization { get; }

    /// <summary>The fitted curve parameter a of 1 / (1 + a·d^(2b)).</summary>
    public double A { get; }

    /// <summary>The fitted curve parameter b of 1 / (1 + a·d^(2b)).</summary>
    public double B { get; }

    /// <summary>Edges the SGD samples (each undirected edge counted twice).</summary>
    public int Edges => _optimizer?.Edges ?? 0;

    internal TimeSpan NeighborTime { get; }

    internal TimeSpan FuzzySetTime { get; }

    internal TimeSpan InitializationTime { get; }

    /// <summary>Runs one epoch; false (and nothing done) when all are done. Cancellation is checked before the epoch starts.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public bool Step(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Iteration >= TotalIterations)
        {
            return false;
        }

        var alpha = _learningRate * (1f - ((float)Iteration / TotalIterations));
        _optimizer?.Epoch(_positions, Iteration, alpha, _parallel);
        Iteration++;
        return true;
    }

    /// <inheritdoc />
    public ProjectionFrame Snapshot() =>
        new((float[])_positions.Clone(), Points, Dimensions, Iteration, TotalIterations, null, Phase);
}
