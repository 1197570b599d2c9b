using System.Collections.Concurrent;
using Projector.Core.Data;
using Projector.Core.Neighbors;
using Projector.Core.Projections.Pca;

namespace Projector.Server.Jobs;

/// <summary>
/// What t-SNE and UMAP start from, kept between runs so a re-run with other options skips the slow
/// parts: the rows (all or a subset), reduced by PCA, and their kNN graph per metric (the largest k
/// asked for serves every smaller k).
/// </summary>
internal sealed class ProjectionInputs : IDisposable
{
    // A few MNIST-sized inputs are a few MB each; more than this many and the oldest use is not worth keeping.
    private const int MaxKept = 16;

    private readonly ConcurrentDictionary<string, EmbeddingMatrix> _matrices = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, KnnGraph> _graphs = new(StringComparer.Ordinal);
    private int _graphsBuilt;

    /// <summary>Graphs built so far (a cached one is not counted again).</summary>
    public int GraphsBuilt => _graphsBuilt;

    /// <summary>
    /// The input rows of <paramref name="plan"/>, reduced to its PCA dimensions when the data is wider.
    /// <c>Owned</c> is true when the cache is full and the caller must dispose the matrix.
    /// </summary>
    public (EmbeddingMatrix Matrix, bool Owned) Input(ProjectionPlan plan, CancellationToken cancellationToken)
    {
        var data = plan.Entry.Dataset.Matrix;
        var reduce = plan.PcaDims > 0 && plan.PcaDims < data.Dimensions;
        if (plan.Indices is null && !reduce)
        {
            return (data, false);
        }

        var key = InputKey(plan);
        if (_matrices.TryGetValue(key, out var kept))
        {
            return (kept, false);
        }

        var subset = plan.Indices is null ? null : Subset(data, plan.Indices);
        var input = subset ?? data;
        if (reduce)
        {
            var pca = PrincipalComponents.Fit(input, new PcaOptions { Components = plan.PcaDims, Seed = plan.Seed }, null, cancellationToken);
            var reduced = pca.Transform(input, cancellationToken);
            subset?.Dispose();
            input = reduced;
        }

        // Matrices handed out may be in use by a running job, so a full cache keeps what it has and the caller owns the new one.
        if (_matrices.Count >= MaxKept || !_matrices.TryAdd(key, input))
        {
            return (input, true);
        }

        return (input, false);
    }

    /// <summary>A kNN graph of <paramref name="input"/> with at least <paramref name="k"/> neighbours per point.</summary>
    public KnnGraph Graph(ProjectionPlan plan, EmbeddingMatrix input, int k, CancellationToken cancellationToken)
    {
        var key = $"{InputKey(plan)}|{plan.Metric}";
        if (_graphs.TryGetValue(key, out var kept) && kept.K >= k)
        {
            return kept;
        }

        var graph = NeighborSearch.BuildGraph(input, k, plan.Metric, null, cancellationToken);
        Interlocked.Increment(ref _graphsBuilt);
        if (_graphs.Count >= MaxKept)
        {
            _graphs.Clear();
        }

        _graphs[key] = graph;
        return graph;
    }

    public void Dispose()
    {
        foreach (var m in _matrices.Values)
        {
            m.Dispose();
        }
    }

    internal static EmbeddingMatrix Subset(EmbeddingMatrix data, int[] rows)
    {
        var d = data.Dimensions;
        var values = new float[(long)rows.Length * d];
        for (var i = 0; i < rows.Length; i++)
        {
            data.Row(rows[i]).CopyTo(values.AsSpan(i * d, d));
        }

        return EmbeddingMatrix.FromArray(values, rows.Length, d);
    }

    // The seed only matters when PCA reduces the input (its randomized solver); unreduced rows are the same for every seed.
    private static string InputKey(ProjectionPlan plan) =>
        plan.PcaDims > 0 && plan.PcaDims < plan.Entry.Dataset.Dimensions
            ? FormattableString.Invariant($"{plan.Entry.Id}|{plan.RowsKey}|pca{plan.PcaDims}|{plan.Seed}")
            : $"{plan.Entry.Id}|{plan.RowsKey}|raw";
}
