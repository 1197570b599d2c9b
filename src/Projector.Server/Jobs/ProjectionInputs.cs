using System.Collections.Concurrent;
using Projector.Core.Data;
using Projector.Core.Neighbors;
using Projector.Core.Projections;
using Projector.Core.Projections.Tsne;

namespace Projector.Server.Jobs;

/// <summary>
/// The server's <see cref="IPreparationCache"/>: what t-SNE and UMAP start from (the rows, reduced by PCA,
/// their kNN graph per metric, and t-SNE's affinities per perplexity) kept between runs of every dataset,
/// so a re-run with other options skips the slow parts. The recipe decides what may be reused; this only stores, per dataset. The
/// neighbour lookup also answers from an exact graph of the whole dataset when one is kept.
/// </summary>
internal sealed class ProjectionInputs : IDisposable
{
    // A few MNIST-sized inputs are a few MB each; more than this many and the oldest use is not worth keeping.
    private const int MaxKept = 16;

    private readonly ConcurrentDictionary<string, EmbeddingMatrix> _matrices = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, KnnGraph> _graphs = new(StringComparer.Ordinal);
    private int _graphsBuilt;
    private int _affinitiesComputed;

    /// <param name="affinityBudgetBytes">Bytes of t-SNE affinities kept over every dataset (<see cref="DefaultAffinityBudget"/>).</param>
    public ProjectionInputs(long affinityBudgetBytes = DefaultAffinityBudget) =>
        Affinities = new SizedLru<TsneAffinities>(affinityBudgetBytes, a => a.Bytes);

    /// <summary>
    /// Bytes of t-SNE affinities kept, least recently used out first: MNIST's P at the default perplexity
    /// is about 10 MB (N·k to 2·N·k entries of 8 bytes), so this keeps a couple of dozen of them, and 100,000
    /// points' (about 110 MB) twice; a million points' P (over 1 GB) is never kept.
    /// </summary>
    public const long DefaultAffinityBudget = 256L << 20;

    /// <summary>Graphs built so far (a cached one is not counted again).</summary>
    public int GraphsBuilt => _graphsBuilt;

    /// <summary>t-SNE affinities computed so far (those found kept are not counted again).</summary>
    public int AffinitiesComputed => _affinitiesComputed;

    /// <summary>The t-SNE affinities kept, by dataset and key.</summary>
    public SizedLru<TsneAffinities> Affinities { get; }

    /// <summary>The cache of the dataset <paramref name="datasetId"/>.</summary>
    public IPreparationCache For(string datasetId) => new DatasetCache(this, datasetId);

    /// <summary>
    /// An exact kNN graph of every row of the dataset as it is (no PCA, no subset) under
    /// <paramref name="metric"/> with at least <paramref name="k"/> neighbours, or null: what a t-SNE or
    /// UMAP run without PCA kept. Its first k neighbours of a row are that row's k nearest, with the
    /// distances a search computes, so a neighbour lookup can answer from it.
    /// </summary>
    public KnnGraph? FindExactGraph(string datasetId, Metric metric, int k) =>
        _graphs.TryGetValue($"{datasetId}|{FullInputGraphKey(metric)}", out var graph) && graph.IsExact && graph.K >= k && graph.Metric == metric ? graph : null;

    // The key ProjectionRecipe gives the graph of all rows ("all"), unreduced ("raw"), searched exactly (no seed).
    private static string FullInputGraphKey(Metric metric) => $"all|raw|{metric}";

    public void Dispose()
    {
        foreach (var m in _matrices.Values)
        {
            m.Dispose();
        }
    }

    private sealed class DatasetCache(ProjectionInputs owner, string datasetId) : IPreparationCache
    {
        public EmbeddingMatrix? FindInput(string key) => owner._matrices.GetValueOrDefault(Key(key));

        // Matrices handed out may be in use by a running job, so a full cache keeps what it has and the caller owns the new one.
        public bool KeepInput(string key, EmbeddingMatrix input) =>
            owner._matrices.Count < MaxKept && owner._matrices.TryAdd(Key(key), input);

        public KnnGraph? FindGraph(string key, int k) =>
            owner._graphs.TryGetValue(Key(key), out var graph) && graph.K >= k ? graph : null;

        public void KeepGraph(string key, KnnGraph graph)
        {
            Interlocked.Increment(ref owner._graphsBuilt);
            if (owner._graphs.Count >= MaxKept)
            {
                owner._graphs.Clear();
            }

            // An exact graph of more neighbours serves this k too; otherwise the newest is the one worth keeping.
            owner._graphs.AddOrUpdate(Key(key), graph, (_, kept) => kept.IsExact && graph.IsExact && kept.K >= graph.K ? kept : graph);
        }

        public TsneAffinities? FindAffinities(string key) => owner.Affinities.Find(Key(key));

        public void KeepAffinities(string key, TsneAffinities affinities)
        {
            Interlocked.Increment(ref owner._affinitiesComputed);
            owner.Affinities.Keep(Key(key), affinities);
        }

        private string Key(string key) => $"{datasetId}|{key}";
    }
}
