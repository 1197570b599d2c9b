using System.CommandLine;
using Projector.Core.Neighbors;
using Projector.Core.Projections;
using Projector.Core.Projections.Tsne;

namespace Projector.Cli;

/// <summary>
/// The flags of a <see cref="ProjectionRecipe"/>, shared by <c>project</c>, <c>render</c> and <c>export</c>.
/// A flag left out takes the recipe's default, so the three commands and the server agree.
/// </summary>
internal sealed class RecipeOptions(string neighborsFlag = "--neighbors")
{
    public Option<int?> Dims { get; } = new("--dims") { Description = "t-SNE/UMAP: 2 or 3; PCA: the components written (default 2)" };

    public Option<double?> Perplexity { get; } = new("--perplexity") { Description = "t-SNE perplexity (default 30)" };

    public Option<TsneAffinityKernel?> Affinity { get; } = new("--affinity") { Description = "t-SNE affinities: gaussian (default: calibrated to the perplexity over 3 x perplexity neighbours) or uniform (15 neighbours; several times faster for millions of points, keeps fewer neighbours)" };

    public Option<double?> LearningRate { get; } = new("--learning-rate") { Description = "t-SNE learning rate (default auto = N/12)" };

    public Option<int?> Iterations { get; } = new("--iterations") { Description = "t-SNE iterations (default 750) or UMAP epochs (default 500 up to 10,000 points, else 200)" };

    public Option<int?> Neighbors { get; } = new(neighborsFlag) { Description = "UMAP neighbours (default 15)" };

    public Option<double?> MinDist { get; } = new("--min-dist") { Description = "UMAP min_dist (default 0.1)" };

    public Option<Metric?> Metric { get; } = new("--metric") { Description = "euclidean (default) or cosine, for t-SNE's and UMAP's neighbours" };

    public Option<int?> Pca { get; } = new("--pca") { Description = "t-SNE/UMAP: reduce to N dimensions with PCA first (default 50 when wider; 0 = off)" };

    public Option<int?> Seed { get; } = new("--seed") { Description = "Random seed (default 42); the same seed and threads give the same layout" };

    public Option<int?> Threads { get; } = new("--threads") { Description = "Worker threads (default: all cores)" };

    public Option<double?> MemoryLimit { get; } = new("--memory-limit") { Description = "Refuse a t-SNE/UMAP layout estimated to hold more than this many GB at once (default: the memory available)" };

    private IEnumerable<Option> All => [Dims, Perplexity, Affinity, LearningRate, Iterations, Neighbors, MinDist, Metric, Pca, Seed, Threads, MemoryLimit];

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The recipe of <paramref name="method"/> with every flag given.</summary>
    public ProjectionRecipe ToRecipe(ParseResult parsed, LayoutMethod method)
    {
        var recipe = new ProjectionRecipe
        {
            Method = method,
            Perplexity = parsed.GetValue(Perplexity),
            LearningRate = parsed.GetValue(LearningRate),
            Iterations = parsed.GetValue(Iterations),
            Neighbors = parsed.GetValue(Neighbors),
            MinDist = parsed.GetValue(MinDist),
            Threads = parsed.GetValue(Threads),
        };
        if (parsed.GetValue(Dims) is { } dims)
        {
            recipe = method == LayoutMethod.Pca ? recipe : recipe with { Dimensions = dims };
        }

        recipe = parsed.GetValue(Metric) is { } metric ? recipe with { Metric = metric } : recipe;
        recipe = parsed.GetValue(Affinity) is { } affinity ? recipe with { TsneAffinity = affinity } : recipe;
        recipe = parsed.GetValue(Pca) is { } pca ? recipe with { PcaDims = pca } : recipe;
        if (parsed.GetValue(MemoryLimit) is { } gigabytes)
        {
            recipe = gigabytes > 0 && gigabytes < 1e9
                ? recipe with { MemoryLimit = (long)(gigabytes * 1e9) }
                : throw new UsageException($"--memory-limit must be a positive number of GB, not {gigabytes.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        return parsed.GetValue(Seed) is { } seed ? recipe with { Seed = seed } : recipe;
    }

    /// <summary>Checks <paramref name="recipe"/> against the data and words a problem with the flag that set it.</summary>
    public void Validate(ProjectionRecipe recipe, int rows, int dimensions)
    {
        try
        {
            recipe.Validate(rows, dimensions);
        }
        catch (RecipeException e)
        {
            throw new UsageException(e.Property switch
            {
                null => e.Problem.TrimEnd('.'),
                nameof(ProjectionRecipe.Dimensions) => $"--dims {e.Problem}",
                nameof(ProjectionRecipe.PcaDims) => $"--pca {e.Problem}",
                nameof(ProjectionRecipe.Perplexity) => $"--perplexity {e.Problem}",
                nameof(ProjectionRecipe.LearningRate) => $"--learning-rate {e.Problem}",
                nameof(ProjectionRecipe.Iterations) => $"--iterations {e.Problem}",
                nameof(ProjectionRecipe.Neighbors) => $"{Neighbors.Name} {e.Problem}",
                nameof(ProjectionRecipe.MinDist) => $"--min-dist {e.Problem}",
                nameof(ProjectionRecipe.Threads) => $"--threads {e.Problem}",
                nameof(ProjectionRecipe.SuperviseFactor) => $"--supervise {e.Problem}",
                _ => e.Message,
            });
        }
    }
}
