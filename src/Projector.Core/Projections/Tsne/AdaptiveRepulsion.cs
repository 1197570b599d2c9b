namespace Projector.Core.Projections.Tsne;

/// <summary>
/// 2-D repulsion that picks, every iteration, whichever of FFT interpolation and Barnes-Hut is predicted
/// to be cheaper: the FFT costs about a·P² + b·N for its P x P grid (P grows with the layout's extent,
/// one interval per unit, FIt-SNE's rule), Barnes-Hut about c·N log N.
/// </summary>
/// <remarks>
/// Constants from <c>bench tsne-repulsion</c> on the 2-core reference machine (10,000 points, one thread,
/// CPU time): FFT 2.0 ms at P = 128, 9.2 ms at P = 512 and 52 ms at P = 1024 (30 ns per grid cell, 48 ns
/// once the grid no longer fits in cache, plus about 130 ns per point to spread and gather); grouped
/// Barnes-Hut θ 0.5 2.9 ms (22 ns per N log2 N; 5.2 ms before its walk was shared down the tree and its
/// groups grew to 128 points). So MNIST-sized runs use the FFT while the layout is
/// compact (early exaggeration) and Barnes-Hut once it has expanded. The choice depends on the positions
/// only, so runs stay reproducible.
/// </remarks>
internal sealed class AdaptiveRepulsion(FftRepulsion fft, BarnesHutRepulsion barnesHut, int points) : IRepulsiveForces
{
    private const double FftNanosecondsPerCellSmall = 30;
    private const double FftNanosecondsPerCellLarge = 48;
    private const double FftNanosecondsPerPoint = 130;
    private const double BarnesHutNanosecondsPerNLogN = 22;

    /// <summary>True when the last call used the FFT.</summary>
    public bool LastUsedFft { get; private set; }

    // The choice made by Prepare for the next Compute.
    private bool _decided;

    /// <summary>Chooses the method for <paramref name="y"/> and prepares it.</summary>
    public void Prepare(double[] y)
    {
        Choose(y);
        _decided = true;
        Chosen.Prepare(y);
    }

    /// <inheritdoc />
    public double Compute(double[] y, double[] force)
    {
        if (!_decided)
        {
            Choose(y);
        }

        _decided = false;
        return Chosen.Compute(y, force);
    }

    private IRepulsiveForces Chosen => LastUsedFft ? fft : barnesHut;

    private void Choose(double[] y)
    {
        var p = (double)fft.GridSize(y);
        var fftCost = (p * p * (p <= 512 ? FftNanosecondsPerCellSmall : FftNanosecondsPerCellLarge)) + (FftNanosecondsPerPoint * points);
        var bhCost = BarnesHutNanosecondsPerNLogN * points * Math.Log2(Math.Max(2, points));
        LastUsedFft = fftCost < bhCost;
    }
}
