using Projector.Core.Projections;

namespace Projector.Server.Jobs;

/// <summary>
/// The preparation of a dataset's default t-SNE (PCA-reduced rows, their kNN graph and affinities)
/// started when the page opens the dataset, so the first t-SNE the user asks for starts from the cache.
/// It runs on one low-priority thread; a job whose recipe prepares the same input while it still runs
/// takes it over (<see cref="TakeOver"/>): it stops, and the job reuses the stages it finished and
/// computes the rest at the job's priority, on every core. (Waiting for it instead, on a machine busy with
/// other work, was slow: its PCA of MNIST alone took 9 s at a load average of 60 on 2 cores, measured.)
/// </summary>
internal sealed class InputWarmup : IDisposable
{
    private readonly CancellationTokenSource _stop;

    public InputWarmup(ProjectionRecipe recipe, CancellationToken shutdown)
    {
        Recipe = recipe;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
    }

    /// <summary>Cancelled by <see cref="TakeOver"/> or by the server stopping.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>The recipe prepared: the default t-SNE of every row.</summary>
    public ProjectionRecipe Recipe { get; }

    /// <summary>Completes when the input and graph are in the cache (or the preparation failed or was dropped).</summary>
    public Task Done { get; set; } = Task.CompletedTask;

    /// <summary>Stops the preparation at its next check; what it finished stays in the cache.</summary>
    public void TakeOver()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The server is stopping.
        }
    }

    public void Dispose() => _stop.Dispose();

    /// <summary>True when <paramref name="recipe"/> prepares the same reduced input and graph (so taking over pays).</summary>
    public bool Serves(ProjectionRecipe recipe) =>
        recipe.Method is LayoutMethod.Tsne or LayoutMethod.Umap
        && recipe.Rows is null
        && recipe.Seed == Recipe.Seed
        && recipe.PcaDims == Recipe.PcaDims
        && recipe.Metric == Recipe.Metric;
}
