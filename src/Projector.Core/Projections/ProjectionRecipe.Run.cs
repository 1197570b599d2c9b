using Projector.Core.Data;
using Projector.Core.Neighbors;
using Projector.Core.Projections.Pca;
using Projector.Core.Projections.Tsne;
using Projector.Core.Projections.Umap;

namespace Projector.Core.Projections;

/// <summary>The preparation and the runs of a recipe: every layout of the product is computed here.</summary>
public sealed partial record ProjectionRecipe
{
    /// <summary>
    /// Chooses the rows, reduces them with PCA when wider than <see cref="PcaDims"/> and builds the kNN graph
    /// t-SNE or UMAP needs, reusing what <paramref name="cache"/> kept; with a cache, a t-SNE recipe also
    /// computes (or finds) its affinities there, so <see cref="Start"/> begins optimising at once. Stages are
    /// reported as "PCA to N dimensions", "neighbours" and "t-SNE" (phase "affinities").
    /// </summary>
    /// <exception cref="ArgumentException">The recipe does not fit the data (see <see cref="Validate"/>).</exception>
    public PreparedInput Prepare(EmbeddingMatrix data, IPreparationCache? cache = null, IProgress<StageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        Validate(data.Rows, data.Dimensions);
        return PrepareValid(data, cache, progress, cancellationToken);
    }

    // The chosen rows, reduced by PCA when wider, from the cache when it kept them; owned when the caller
    // must dispose them. The PCA fitted here (null when none was) lets Place project new rows the same way.
    private (EmbeddingMatrix Input, bool Owned, string InputKey) ReducedInput(EmbeddingMatrix data, IPreparationCache? cache, IProgress<StageProgress>? progress, CancellationToken cancellationToken, out PcaResult? fitted)
    {
        fitted = null;
        var reduceTo = ReductionFor(data.Dimensions);
        var inputKey = reduceTo > 0 ? FormattableString.Invariant($"{RowsKey()}|pca{reduceTo}|{Seed}") : $"{RowsKey()}|raw";
        EmbeddingMatrix input;
        var owned = false;
        if (Rows is null && reduceTo == 0)
        {
            input = data;
        }
        else if (cache?.FindInput(inputKey) is { } kept)
        {
            input = kept;
        }
        else
        {
            var subset = Rows is { } rows ? Subset(data, rows) : null;
            input = subset ?? data;
            if (reduceTo > 0)
            {
                var pca = fitted = PrincipalComponents.Fit(input, new PcaOptions { Components = reduceTo, Seed = Seed }, StageReporting.For(progress, $"PCA to {reduceTo} dimensions"), cancellationToken);
                var reduced = pca.Transform(input, cancellationToken);
                subset?.Dispose();
                input = reduced;
            }

            owned = cache is null || !cache.KeepInput(inputKey, input);
        }

        return (input, owned, inputKey);
    }

    // The preparation of a recipe already checked against the data (the check walks every chosen row once).
    private PreparedInput PrepareValid(EmbeddingMatrix data, IPreparationCache? cache, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var (input, owned, inputKey) = ReducedInput(data, cache, progress, cancellationToken, out _);
        try
        {
            var k = GraphNeighborsFor(input.Rows);
            KnnGraph? graph = null;
            string? graphKey = null;
            if (k > 0)
            {
                // An exact graph is the same for every seed; an approximate one (NN-descent) is the seed's.
                var options = NeighborOptions.Default with { Seed = Seed, Threads = Threads };
                var exact = options.SearchesExactly(input.Rows, k);
                graphKey = exact ? $"{inputKey}|{Metric}" : FormattableString.Invariant($"{inputKey}|{Metric}|{Seed}");
                // A larger graph serves a smaller k only when exact: the first k of an approximate graph
                // of more neighbours are not the graph of k, and the layout would differ from a fresh run.
                graph = cache?.FindGraph(graphKey, k) is { } found && (found.K == k || found.IsExact) ? found : null;
                if (graph is null)
                {
                    graph = NeighborSearch.BuildGraph(input, k, Metric, options, StageReporting.For(progress, "neighbours"), cancellationToken);
                    cache?.KeepGraph(graphKey, graph);
                }
                else if (graph.K > k)
                {
                    graph = graph.Truncate(k);
                }
            }

            var affinities = graph is not null && Method == LayoutMethod.Tsne && cache is not null ? Affinities(graph, graphKey!, cache, progress, cancellationToken) : null;
            return new PreparedInput(input, owned, graph, affinities);
        }
        catch
        {
            if (owned)
            {
                input.Dispose();
            }

            throw;
        }
    }

    // t-SNE's affinities over the graph kept under graphKey, from the cache or computed and offered to it:
    // they depend on the graph and the perplexity only (the labels reweight a copy in each run), so every
    // seed, learning rate and iteration count of the same input and perplexity starts from the same P.
    private TsneAffinities Affinities(KnnGraph graph, string graphKey, IPreparationCache cache, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var options = ToTsneOptions();
        var (perplexity, k) = TsneProjection.Neighbourhood(graph.Points, options, graph, null);
        var key = FormattableString.Invariant($"{graphKey}|k{k}|perplexity{perplexity:R}") + (options.Affinity == TsneAffinityKernel.Uniform ? "|uniform" : string.Empty);
        if (cache.FindAffinities(key) is { } kept)
        {
            return kept;
        }

        var affinities = TsneProjection.Affinities(graph, options, Threads ?? Environment.ProcessorCount, StageReporting.For(progress, DisplayName(Method)), cancellationToken);
        cache.KeepAffinities(key, affinities);
        return affinities;
    }

    /// <summary>
    /// Sets up t-SNE or UMAP on <paramref name="input"/> (affinities or fuzzy set, initial layout); each
    /// <see cref="IIterativeProjection.Step"/> then runs one iteration. PCA is not iterative: use <see cref="Compute"/>.
    /// </summary>
    public IIterativeProjection Start(PreparedInput input, IProgress<StageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var n = input.Matrix.Rows;
        var stage = StageReporting.For(progress, DisplayName(Method));
        return Method switch
        {
            LayoutMethod.Tsne => TsneProjection.CreateFrom(input.Matrix, ToTsneOptions(), input.Graph, input.Affinities, stage, cancellationToken),
            LayoutMethod.Umap => UmapProjection.Create(input.Matrix, ToUmapOptions(n), input.Graph, stage, cancellationToken),
            _ => throw new InvalidOperationException("PCA is not iterative; use Compute."),
        };
    }

    /// <summary>Computes the finished layout of <paramref name="data"/>: PCA at once, t-SNE and UMAP prepared, started and run to the end.</summary>
    /// <exception cref="ArgumentException">The recipe does not fit the data.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public ComputedLayout Compute(EmbeddingMatrix data, IPreparationCache? cache = null, IProgress<StageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        Validate(data.Rows, data.Dimensions);
        var options = Describe(data.Rows, data.Dimensions);
        if (Method == LayoutMethod.Pca)
        {
            using var subset = Rows is { } rows ? Subset(data, rows) : null;
            var input = subset ?? data;
            var components = ComponentsFor(input.Rows, input.Dimensions);
            var pca = PrincipalComponents.Fit(input, new PcaOptions { Components = components, Seed = Seed }, StageReporting.For(progress, "PCA"), cancellationToken);
            using var y = pca.Transform(input, cancellationToken);
            return new ComputedLayout(Method, y.ToArray(), y.Rows, y.Dimensions, options, pca.ExplainedVarianceRatio, []);
        }

        using var prepared = PrepareValid(data, cache, progress, cancellationToken);
        var run = Start(prepared, progress, cancellationToken);
        var frame = ProjectionRunner.RunToEnd(run, StageReporting.For(progress, DisplayName(Method)), cancellationToken);
        var warnings = run is Tsne.TsneRun tsne ? tsne.Warnings : [];
        return new ComputedLayout(Method, frame.Positions, frame.Points, frame.Dimensions, options, null, warnings, frame.Cost);
    }

    /// <summary>The rows <paramref name="rows"/> of <paramref name="data"/>, copied in that order.</summary>
    internal static EmbeddingMatrix Subset(EmbeddingMatrix data, IReadOnlyList<int> rows)
    {
        var d = data.Dimensions;
        var values = new float[(long)rows.Count * d];
        for (var i = 0; i < rows.Count; i++)
        {
            data.Row(rows[i]).CopyTo(values.AsSpan(i * d, d));
        }

        return EmbeddingMatrix.FromArray(values, rows.Count, d);
    }
}
