namespace Projector.Core.Neighbors;

/// <summary>How <see cref="NeighborSearch.BuildGraph(Data.EmbeddingMatrix, int, Metric, NeighborOptions?, IProgress{ProjectionProgress}?, CancellationToken)"/> works.</summary>
public sealed record NeighborOptions
{
    /// <summary>Worker threads; null uses all cores. Results do not depend on it.</summary>
    public int? Threads { get; init; }

    /// <summary>True forces exact search, false forces the approximate index; null chooses by size (see <see cref="ExactMaxPoints"/>).</summary>
    public bool? Exact { get; init; }

    /// <summary>Largest point count searched exactly when <see cref="Exact"/> is null. Default 20,000 (about 2·10⁸ distances).</summary>
    public int ExactMaxPoints { get; init; } = 20_000;

    /// <summary>Seed of the approximate index (random projection trees, candidate sampling). Same seed, same graph.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Rows checked against exact search to estimate an approximate graph's recall; 0 skips the estimate.</summary>
    public int RecallSample { get; init; } = 1000;

    /// <summary>NN-descent candidates sampled per point and round (default min(60, max(k, 30))); for tuning.</summary>
    internal int? Candidates { get; init; }

    /// <summary>NN-descent's most rounds (default 12); for tuning.</summary>
    internal int? Iterations { get; init; }

    /// <summary>NN-descent's heap size when k is smaller (default 30); for tuning.</summary>
    internal int? HeapSize { get; init; }

    /// <summary>Random projection trees for the initial graph (default by size, 4–16); for tuning.</summary>
    internal int? Trees { get; init; }

    /// <summary>The default options.</summary>
    public static NeighborOptions Default { get; } = new();

    internal ParallelOptions Parallel(CancellationToken ct) => ParallelScheduling.Options(Threads, ct);
}
