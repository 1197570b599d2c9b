using Projector.Core.Data;
using Projector.Core.Neighbors;

namespace Projector.Core.Projections.Umap;

/// <summary>
/// UMAP: Uniform Manifold Approximation and Projection. Our own implementation (no UMAP package is
/// served on NuGet), following umap-learn and umap-js.
/// </summary>
/// <remarks>
/// McInnes, Healy &amp; Melville 2018, "UMAP: Uniform Manifold Approximation and Projection for Dimension
/// Reduction", arXiv:1802.03426. In short: a fuzzy kNN graph (each point's neighbourhood scaled so its
/// memberships sum to log2 k, then symmetrised by fuzzy union), laid out by SGD on the cross-entropy
/// between that graph and the layout similarities 1 / (1 + a·d^(2b)), with negative sampling.
/// </remarks>
public static class UmapProjection
{
    /// <summary>
    /// Does the set-up (neighbours unless <paramref name="graph"/> is given, fuzzy graph, initial layout) and
    /// returns a run whose <see cref="UmapRun.Step"/> performs one epoch. Same seed: same bytes, whatever the
    /// thread count.
    /// </summary>
    /// <param name="data">N x D input, N ≥ 1, all values finite.</param>
    /// <param name="options">Options; null means the defaults.</param>
    /// <param name="graph">A kNN graph of <paramref name="data"/> (self excluded) to reuse; only its first <see cref="UmapOptions.Neighbors"/> columns are used.</param>
    /// <param name="progress">Receives "neighbors", "fuzzy set" and "initialization" progress.</param>
    /// <param name="cancellationToken">Stops the set-up.</param>
    /// <exception cref="ArgumentException">Empty or non-finite data, options out of range, labels or graph of the wrong size.</exception>
    public static UmapRun Create(EmbeddingMatrix data, UmapOptions? options = null, KnnGraph? graph = null, IProgress<ProjectionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new UmapOptions();
        Validate(data, options, graph);
        return new UmapRun(data, options, graph, progress, cancellationToken);
    }

    /// <summary>Runs <see cref="Create"/> and every epoch, and returns the final layout.</summary>
    /// <inheritdoc cref="Create" path="/param"/>
    /// <inheritdoc cref="Create" path="/exception"/>
    public static ProjectionFrame Fit(EmbeddingMatrix data, UmapOptions? options = null, KnnGraph? graph = null, IProgress<ProjectionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var run = Create(data, options, graph, progress, cancellationToken);
        return ProjectionRunner.RunToEnd(run, progress, cancellationToken);
    }

    private static void Validate(EmbeddingMatrix data, UmapOptions options, KnnGraph? graph)
    {
        if (data.Rows == 0)
        {
            throw new ArgumentException("UMAP needs at least one point.", nameof(data));
        }

        if (data.FindNonFinite() is { } bad)
        {
            throw new ArgumentException($"Row {bad.Row}, column {bad.Column} is not a finite number.", nameof(data));
        }

        Check(options.Dimensions is 2 or 3, "Dimensions must be 2 or 3");
        Check(options.Neighbors >= 1, "Neighbors must be at least 1");
        Check(options.MinDist >= 0 && double.IsFinite(options.MinDist), "MinDist must be 0 or more");
        Check(options.Spread > 0 && options.MinDist <= options.Spread && double.IsFinite(options.Spread), "Spread must be positive and at least MinDist");
        Check(options.LearningRate > 0 && double.IsFinite(options.LearningRate), "LearningRate must be positive");
        Check(options.NegativeSampleRate >= 1, "NegativeSampleRate must be at least 1");
        Check(options.LocalConnectivity >= 0 && double.IsFinite(options.LocalConnectivity), "LocalConnectivity must be 0 or more");
        Check(options.Epochs is null or >= 0, "Epochs must be 0 or more");
        Check(options.Threads is null or >= 1, "Threads must be at least 1");
        Check(options.InitialLayout is null || options.InitialLayout.Count == (long)data.Rows * options.Dimensions, $"The initial layout must hold {data.Rows} x {options.Dimensions} values");
        Check(options.InitialLayout is null || options.InitialLayout.All(float.IsFinite), "The initial layout must hold finite numbers");
        if (options.Supervision is { } supervision)
        {
            Check(supervision.Labels is not null && supervision.Labels.Count == data.Rows, $"Supervision needs one label per point ({data.Rows})");
            Check(supervision.TargetWeight is >= 0 and <= 1, "TargetWeight must be between 0 and 1");
        }

        if (graph is not null && (graph.Points != data.Rows || (graph.K < Math.Min(options.Neighbors, data.Rows - 1))))
        {
            throw new ArgumentException($"The graph has {graph.Points} points x {graph.K} neighbours; expected {data.Rows} points x at least {Math.Min(options.Neighbors, data.Rows - 1)}.", nameof(graph));
        }
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"Invalid UMAP options: {message}.");
        }
    }
}
