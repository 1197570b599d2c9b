using System.Numerics.Tensors;

namespace Projector.Core.Projections.Tsne;

/// <summary>
/// 2-D repulsion by FFT-accelerated interpolation (FIt-SNE, Linderman et al. 2019): charges are spread
/// onto an equispaced grid with Lagrange polynomials (3 nodes per interval), convolved with the kernel
/// by zero-padded FFT, and interpolated back to the points. O(N + M log M) for M grid nodes.
/// </summary>
/// <remarks>
/// Four sums are needed: φ0 = Σ_j K2(y_i − y_j), φx = Σ_j K2 x_j, φy = Σ_j K2 y_j and ζ = Σ_j K1, with
/// K1 = w and K2 = w^((α+1)/α) (see <see cref="TsneKernel"/>). Then force_i = y_i φ0 − (φx, φy) and
/// Z = Σ_i ζ_i − N. Both kernels are real and even, so their transforms are real: one complex FFT of
/// K1 + i K2 gives both, FFT(1 + i x) carries two charge vectors, and K2 * y and K1 * 1 come back
/// together from one inverse transform: five P x P transforms per call.
/// As in FIt-SNE the grid is a square over [min, max] of all coordinates with at least
/// max(<see cref="MinIntervals"/>, ⌈extent⌉) intervals per dimension on a power-of-two transform, or
/// ⌈extent / 0.8⌉ on one of 3·2^a, whichever is smaller; the padding is then filled with as many
/// intervals as fit (more intervals, same cost). The relative error of the normalised
/// force grows as about 0.02 w³ for intervals w units wide (MNIST layouts, against the exact sum), so
/// one interval per unit is FIt-SNE's accuracy, while the floor only matters for compact layouts.
/// </remarks>
internal sealed partial class FftRepulsion(int points, TsneKernel kernel, int threads, int minIntervals = FftRepulsion.MinIntervals, int maxIntervals = int.MaxValue) : IRepulsiveForces
{
    private readonly int _points = points;
    private readonly TsneKernel _kernel = kernel;
    private readonly int _threads = threads;

    /// <summary>
    /// Fewest intervals per dimension (a 128² FFT). FIt-SNE's min_num_intervals is 50 (a 512² FFT here),
    /// but during early exaggeration the layout spans about 4 units, where 21 intervals already err by
    /// 2e-4 against the exact sum and cost an eighth of the 512² transform.
    /// </summary>
    public const int MinIntervals = 20;

    /// <summary>
    /// Widest interval, in layout units, on a grid of 3·2^a nodes. FIt-SNE's one unit errs by about 2 % of
    /// the normalised force (0.02 w³); 0.8 keeps it near 1 %. Power-of-two grids reach that by their
    /// padding, which fills them with intervals; a 3·2^a grid has less padding, so its width is bounded here.
    /// </summary>
    public const double MaxIntervalWidth = 0.8;

    /// <summary>Interpolation nodes per interval (FIt-SNE's n_interpolation_points).</summary>
    public const int NodesPerInterval = 3;

    /// <summary>Rungs of the interval width ladder per doubling.</summary>
    private const int WidthSteps = 16;

    private Fft2D? _fft;

    // Per point, reused every call (a million points would otherwise allocate 60 MB per iteration):
    // interval, Lagrange weights in x and y, and ζ_i.
    private readonly int[] _box = new int[points];
    private readonly double[] _wx = new double[points * 3];
    private readonly double[] _wy = new double[points * 3];
    private readonly double[] _zetaPoint = new double[points];

    // The interval width the kernel spectra in _kr / _ki were computed for (NaN: none yet).
    private double _spectrumWidth = double.NaN;

    // P x P spectra: the kernels (K1 real, K2 imaginary), A = F(1 + i x), B = F(y).
    private float[] _kr = [], _ki = [], _ar = [], _ai = [], _br = [], _bi = [];

    // n x n node values: charges 1, x, y in; potentials K2*1, K2*x, K2*y, K1*1 out.
    private float[] _one = [], _x = [], _y = [], _phi0 = [], _phiX = [], _phiY = [], _zeta = [];

    /// <summary>Intervals per dimension used by the last call.</summary>
    public int Intervals { get; private set; }

    /// <summary>The FFT size P (grid P x P) the layout <paramref name="y"/> needs.</summary>
    public int GridSize(double[] y) => GridSize(Extent(y).Span);

    /// <summary>Sizes the grid for <paramref name="y"/> (and its kernel spectra when the interval width changed), and finds each point's interval and weights.</summary>
    private void LocatePoints(double[] y)
    {
        var (lo, span) = Extent(y);
        var size = GridSize(span);
        var intervals = (size + 1) / (2 * NodesPerInterval);
        var n = intervals * NodesPerInterval;
        Intervals = intervals;
        var width = LadderWidth(span / intervals);
        Ensure(size, n);

        // Which interval each point falls in, and its 3 + 3 Lagrange weights; in contiguous chunks.
        var (box, wx, wy) = (_box, _wx, _wy);
        var chunks = Math.Min(_points, _threads * 8);
        Parallel.For(0, chunks, ParallelScheduling.Options(_threads), c =>
        {
            for (var i = (int)((long)_points * c / chunks); i < (int)((long)_points * (c + 1) / chunks); i++)
            {
                var bx = Locate((y[2 * i] - lo) / width, intervals, wx, i * 3);
                var by = Locate((y[(2 * i) + 1] - lo) / width, intervals, wy, i * 3);
                box[i] = (by * intervals) + bx;
            }
        });

        if (width != _spectrumWidth)
        {
            KernelSpectra(size, n, width / NodesPerInterval);
            _spectrumWidth = width;
        }
    }

    /// <inheritdoc />
    public double Compute(double[] y, double[] force)
    {
        // No preparation beside the attraction: locating the points and the kernel's spectra are parallel
        // (run on one thread beside the attraction they took 6.8 s of a 100k run, and the run no less time).
        LocatePoints(y);
        var (box, wx, wy) = (_box, _wx, _wy);
        var intervals = Intervals;
        var n = intervals * NodesPerInterval;
        var size = _fft!.Size;
        Spread(y, box, wx, wy, intervals, n);
        _fft.Forward(_one, _x, n, n, n, _ar, _ai);
        _fft.Forward(_y, null, n, n, n, _br, _bi);
        Multiply(size);
        _fft.Inverse(_ar, _ai, n, n, _phi0, _phiX);
        _fft.Inverse(_br, _bi, n, n, _phiY, _zeta);

        // Gather: each point reads its 3 x 3 nodes; potentials in A = (K2*1, K2*x), B = (K2*y, K1*1). In
        // contiguous chunks of points (a delegate call per point cost a tenth of the gather).
        var zeta = _zetaPoint;
        var chunks = Math.Min(_points, _threads * 8);
        Parallel.For(0, chunks, ParallelScheduling.Options(_threads), chunk => Gather(
            (int)((long)_points * chunk / chunks), (int)((long)_points * (chunk + 1) / chunks), intervals, n, y, force, zeta));

        var total = 0.0;
        foreach (var z in zeta)
        {
            total += z;
        }

        return Math.Max(total - _points, double.Epsilon);
    }

    /// <summary>
    /// Points [from, to) read their 3 x 3 nodes' potentials: force_i = y_i φ0 − (φx, φy), and ζ_i. The arrays
    /// are taken into locals and each point's weights into registers (read through the instance in the
    /// loop, the gather took a third of a call at a million points).
    /// </summary>
    private void Gather(int from, int to, int intervals, int n, double[] y, double[] force, double[] zeta)
    {
        var (box, wx, wy) = (_box, _wx, _wy);
        var (p0, px, py, pz) = (_phi0, _phiX, _phiY, _zeta);
        for (var i = from; i < to; i++)
        {
            var by = box[i] / intervals;
            var bx = box[i] - (by * intervals);
            var (x0, x1, x2) = (wx[i * 3], wx[(i * 3) + 1], wx[(i * 3) + 2]);
            double phi0 = 0, phiX = 0, phiY = 0, z = 0;
            for (var a = 0; a < 3; a++)
            {
                var wa = wy[(i * 3) + a];
                var row = (((by * 3) + a) * n) + (bx * 3);
                var (w0, w1, w2) = (wa * x0, wa * x1, wa * x2);
                phi0 += w0 * p0[row];
                phiX += w0 * px[row];
                phiY += w0 * py[row];
                z += w0 * pz[row];
                phi0 += w1 * p0[row + 1];
                phiX += w1 * px[row + 1];
                phiY += w1 * py[row + 1];
                z += w1 * pz[row + 1];
                phi0 += w2 * p0[row + 2];
                phiX += w2 * px[row + 2];
                phiY += w2 * py[row + 2];
                z += w2 * pz[row + 2];
            }

            force[2 * i] = (y[2 * i] * phi0) - phiX;
            force[(2 * i) + 1] = (y[(2 * i) + 1] * phi0) - phiY;
            zeta[i] = z;
        }
    }

    /// <summary>
    /// The interval width: the smallest 2^(m/16) at or above <paramref name="needed"/>, so the grid covers
    /// the layout with at most 4.4 % to spare, and the kernel spectra, which depend on the width alone,
    /// are reused until the layout outgrows them (every few iterations once it expands slowly; one
    /// transform of five saved). The error grows as w³, so 4.4 % wider costs at most 14 % more error.
    /// </summary>
    private static double LadderWidth(double needed) => Math.Pow(2, Math.Ceiling(Math.Log2(needed) * WidthSteps) / WidthSteps);

    private int GridSize(double span)
    {
        // Two grids both within about 1 %: FIt-SNE's one interval per unit on a power-of-two grid (whose
        // padding adds intervals), or intervals at most 0.8 units on any transform size; the smaller one.
        var perUnit = Math.Min(maxIntervals, Math.Max(minIntervals, (int)Math.Ceiling(span)));
        var narrow = Math.Min(maxIntervals, Math.Max(minIntervals, (int)Math.Ceiling(span / MaxIntervalWidth)));
        return Math.Min(
            (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)((2 * NodesPerInterval * perUnit) - 1)),
            Fft2D.SizeFor((2 * NodesPerInterval * narrow) - 1));
    }

    /// <summary>The lowest coordinate and the extent of all coordinates (vectorised: the scalar loop was 7 ms a call at a million points, on one thread).</summary>
    private (double Lo, double Span) Extent(double[] y)
    {
        var all = y.AsSpan(0, 2 * _points);
        var (lo, hi) = (TensorPrimitives.Min(all), TensorPrimitives.Max(all));

        // A zero extent (all points equal) still needs intervals of positive width.
        var span = Math.Max(hi - lo, 1e-6);
        return (lo, span * (1 + 1e-9));
    }

    /// <summary>
    /// The interval of coordinate u (in interval units), and the Lagrange weights of its 3 nodes (at the
    /// centres of the interval's thirds, t_k = 1/6, 3/6, 5/6) into <paramref name="weights"/>[at..at + 3):
    /// 1 / Π_{m≠k}(t_k − t_m) times Π_{m≠k}(t − t_m), multiplied
    /// left to right in node order (written out: the loops over the node arrays were a tenth of a call).
    /// </summary>
    private static int Locate(double u, int intervals, double[] weights, int at)
    {
        var b = Math.Clamp((int)u, 0, intervals - 1);
        var t = u - b;
        weights[at] = 9.0 / 2 * (t - (3.0 / 6)) * (t - (5.0 / 6));
        weights[at + 1] = -9.0 * (t - (1.0 / 6)) * (t - (5.0 / 6));
        weights[at + 2] = 9.0 / 2 * (t - (1.0 / 6)) * (t - (3.0 / 6));
        return b;
    }

    private void Ensure(int size, int n)
    {
        if (_fft?.Size != size)
        {
            _fft = new Fft2D(size, _threads);
            var m = _fft.Length;
            (_kr, _ki, _ar, _ai, _br, _bi) = (new float[m], new float[m], new float[m], new float[m], new float[m], new float[m]);
            _spectrumWidth = double.NaN;
        }

        if (_one.Length != n * n)
        {
            var m = n * n;
            (_one, _x, _y) = (new float[m], new float[m], new float[m]);
            (_phi0, _phiX, _phiY, _zeta) = (new float[m], new float[m], new float[m], new float[m]);
        }
    }
}
