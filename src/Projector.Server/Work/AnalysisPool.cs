namespace Projector.Server.Work;

/// <summary>
/// The worker that measures finished layouts (their clusters and quality) for the page, apart from the
/// <see cref="WorkPool"/> that starts projections and answers neighbour and search requests. A layout's
/// quality is an exact scan of every pair of rows in the input space (about 25 s of a core for MNIST's
/// 10,000 rows in 784-d): in the shared pool, the page's measurement of its first view held one of the
/// two workers of a 2-core machine that long, and with the dataset's preparation in the other, a projection
/// the user started waited in the queue behind them.
/// </summary>
internal sealed class AnalysisPool(WorkPool pool) : IDisposable
{
    /// <summary>The pool the analyses run on: one worker and its own bounded queue.</summary>
    public WorkPool Pool { get; } = pool;

    public void Dispose() => Pool.Dispose();
}
