namespace Projector.Core.Projections.Tsne;

/// <summary>
/// t-SNE's input-space affinities P, calibrated to one perplexity over one kNN graph: the part of a run's
/// set-up that depends on nothing else, so an <see cref="IPreparationCache"/> can keep it and a later run of
/// the same input and perplexity starts optimising at once, with the same bytes as a run that computed it.
/// </summary>
public sealed class TsneAffinities
{
    internal TsneAffinities(SparseAffinities p, double perplexity, int neighbors, TsneAffinityKernel kernel = TsneAffinityKernel.Gaussian)
    {
        P = p;
        Perplexity = perplexity;
        Neighbors = neighbors;
        Kernel = kernel;
    }

    /// <summary>How P(j|i) was spread over the neighbours.</summary>
    public TsneAffinityKernel Kernel { get; }

    /// <summary>Points (N).</summary>
    public int Points => P.Rows;

    /// <summary>The perplexity P is calibrated to (already reduced for tiny inputs).</summary>
    public double Perplexity { get; }

    /// <summary>Neighbours per point P was calibrated over.</summary>
    public int Neighbors { get; }

    /// <summary>Stored non-zero p_ij.</summary>
    public int Entries => P.Count;

    /// <summary>Bytes the affinities hold, for a cache's memory bound.</summary>
    public long Bytes => sizeof(int) * ((long)P.RowStart.Length + P.Columns.Length) + (sizeof(float) * (long)P.Values.Length);

    internal SparseAffinities P { get; }

    /// <summary>P for one run: shared as it is (a run never writes it), or a copy of the values a run reweights by labels.</summary>
    internal SparseAffinities ForRun(bool reweighted) =>
        reweighted ? new SparseAffinities(P.Rows, P.RowStart, P.Columns, (float[])P.Values.Clone()) : P;
}
