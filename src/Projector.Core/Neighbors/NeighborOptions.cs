namespace Projector.Core.Neighbors;

/// <summary>How <see cref="NeighborSearch.BuildGraph(Data.EmbeddingMatrix, int, Metric, NeighborOptions?, IProgress{ProjectionProgress}?, CancellationToken)"/> works.</summary>
public sealed record NeighborOptions
{
    /// <summary>Worker threads; null uses all cores. Results do not depend on it.</summary>
    public int? Threads { get; init; }

    /// <summary>True forces exact search, false forces the approximate index; null chooses by cost (see <see cref="ExactMaxPoints"/>).</summary>
    public bool? Exact { get; init; }

    /// <summary>
    /// Largest point count searched exactly when <see cref="Exact"/> is null. Null (the default) chooses by
    /// estimated cost: exact up to <see cref="ExactCutoff(int)"/> points for k neighbours, NN-descent above.
    /// </summary>
    public int? ExactMaxPoints { get; init; }

    /// <summary>Whether a search of <paramref name="points"/> rows for <paramref name="k"/> neighbours is exact under these options.</summary>
    public bool SearchesExactly(int points, int k) => Exact ?? points <= (ExactMaxPoints ?? ExactCutoff(k));

    /// <summary>
    /// Where exact search stops being the cheaper one, for <paramref name="k"/> neighbours: 50,000 points at
    /// k ≤ 15, growing as k^0.7 (175,000 at t-SNE's k = 90).
    /// </summary>
    /// <remarks>
    /// Exact search costs N²·D multiply-adds; NN-descent about N·D times a factor that grows with k (its
    /// candidate lists). Measured on 50-d mixtures (`-- knn`, `-- scale`): exact 10.4 s for 100,000 points
    /// at any k; NN-descent 274 µs per point at k = 90 and 79 µs at k = 15. They break even near 263,000
    /// points at k = 90 and 76,000 at k = 15; the cutoff keeps a third below that because the exact kernel
    /// halves its speed without 512-bit vectors. Exact graphs are also the same for every seed and have
    /// recall 1.
    /// </remarks>
    public static int ExactCutoff(int k) => (int)(50_000 * Math.Pow(Math.Max(k, 15) / 15.0, 0.7));

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

    /// <summary>Fewest rows NN-descent renumbers along a random projection tree before searching (default 50,000); for tuning.</summary>
    internal int? LocalityFrom { get; init; }

    /// <summary>Random projection trees for the initial graph (default by size, 4–16); for tuning.</summary>
    internal int? Trees { get; init; }

    /// <summary>The default options.</summary>
    public static NeighborOptions Default { get; } = new();

    internal ParallelOptions Parallel(CancellationToken ct) => ParallelScheduling.Options(Threads, ct);
}
