namespace Projector.Server.Contracts;

/// <summary>A projection job as the API shows it.</summary>
/// <param name="Id">Job id.</param>
/// <param name="Dataset">Catalog id.</param>
/// <param name="Method">pca, tsne, umap or custom.</param>
/// <param name="Status">queued, running, paused, done, stopped or failed.</param>
/// <param name="Iteration">Iterations done.</param>
/// <param name="TotalIterations">Iterations planned.</param>
/// <param name="Phase">What the job is doing.</param>
/// <param name="Cost">The latest cost, if computed.</param>
/// <param name="Points">Rows projected.</param>
/// <param name="Dims">Columns of the layout.</param>
/// <param name="Cached">True when the layout came from the cache.</param>
/// <param name="Error">Why the job failed.</param>
/// <param name="ExplainedVariance">PCA: the ratio per component.</param>
public sealed record JobInfo(
    string Id,
    string Dataset,
    string Method,
    string Status,
    int Iteration,
    int TotalIterations,
    string Phase,
    double? Cost,
    int Points,
    int Dims,
    bool Cached,
    string? Error,
    IReadOnlyList<double>? ExplainedVariance);
