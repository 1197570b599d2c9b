namespace Projector.Core.Projections;

/// <summary>
/// The step API every iterative projection (t-SNE, UMAP) offers, as umap-js's <c>step()</c> and
/// openTSNE's <c>optimize(n)</c>: the set-up (neighbours, affinities, initial layout) is done when the
/// object exists; each <see cref="Step"/> runs one iteration. Same seed and thread count: same bytes.
/// </summary>
public interface IIterativeProjection
{
    /// <summary>Iterations done so far.</summary>
    int Iteration { get; }

    /// <summary>Iterations planned in all.</summary>
    int TotalIterations { get; }

    /// <summary>Output dimensions (2 or 3).</summary>
    int Dimensions { get; }

    /// <summary>Number of points.</summary>
    int Points { get; }

    /// <summary>The current phase, e.g. "early exaggeration".</summary>
    string Phase { get; }

    /// <summary>The most recent cost computed (t-SNE computes KL every 50 iterations), or null.</summary>
    double? LastCost { get; }

    /// <summary>Runs one iteration; false (and nothing done) once <see cref="TotalIterations"/> are done.</summary>
    bool Step(CancellationToken cancellationToken = default);

    /// <summary>A copy of the current layout.</summary>
    ProjectionFrame Snapshot();
}
