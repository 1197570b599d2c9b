using Projector.Core;
using Projector.Core.Projections;

namespace Projector.Server.Jobs;

/// <summary>
/// The preparation of a dataset's default t-SNE (PCA-reduced rows and their kNN graph) started when the
/// page opens the dataset, so the first t-SNE the user asks for starts from the cache. A job whose recipe
/// prepares the same input waits for it (showing its phase) instead of searching the same neighbours
/// a second time.
/// </summary>
internal sealed class InputWarmup
{
    private volatile string _phase = "queued";

    public InputWarmup(ProjectionRecipe recipe) => Recipe = recipe;

    /// <summary>The recipe prepared: the default t-SNE of every row.</summary>
    public ProjectionRecipe Recipe { get; }

    /// <summary>Completes when the input and graph are in the cache (or the preparation failed or was dropped).</summary>
    public Task Done { get; set; } = Task.CompletedTask;

    /// <summary>What the preparation is doing, in a job's phase words.</summary>
    public string Phase => _phase;

    /// <summary>The progress to give the recipe.</summary>
    public IProgress<StageProgress> Progress => new PreparationPhase(phase => _phase = phase);

    /// <summary>True when <paramref name="recipe"/> prepares the same reduced input and graph (so waiting pays).</summary>
    public bool Serves(ProjectionRecipe recipe) =>
        recipe.Method is LayoutMethod.Tsne or LayoutMethod.Umap
        && recipe.Rows is null
        && recipe.Seed == Recipe.Seed
        && recipe.PcaDims == Recipe.PcaDims
        && recipe.Metric == Recipe.Metric;
}
