namespace Projector.Core.Projections.Tsne;

/// <summary>
/// One t-SNE optimisation in progress: affinities and initial layout are ready, each <see cref="Step"/>
/// runs one gradient iteration. Created by <see cref="TsneProjection.Create"/>.
/// </summary>
/// <remarks>
/// Same input, options, seed and thread count give the same bytes: every parallel loop writes only its
/// own points, and every sum over points is taken in point order (openTSNE, FIt-SNE and
/// van der Maaten 2014 are the references for the algorithm itself).
/// </remarks>
public sealed partial class TsneRun : IIterativeProjection
{
    // P in internal numbering: row i's entries are [_rowStart[i], _rowStart[i + 1]), with columns and values
    // quantized per row (see QuantizedRows); the model's P is _weights[e] · _rowScale[i] / Σ, so the gradient
    // and the cost are those of one normalised P.
    private int[] _rowStart;
    private int[] _columns;
    private ushort[] _weights;
    private float[] _rowScale;

    // 1 / Σ_e _weights[e] · _rowScale[row of e], in double.
    private readonly double _weightScale;
    private readonly double[] _y;
    private readonly double[] _update;
    private readonly double[] _gains;
    private readonly double[] _gradient;
    private readonly double[] _repulsive;

    // The positions in float32 for the 2-D attraction's gathers (refreshed every iteration); empty when unused.
    private readonly float[] _single;
    private readonly IRepulsiveForces? _repulsion;
    private readonly TsneOptions _options;
    private readonly TsneKernel _kernel;
    private readonly int _threads;
    private readonly double _pLogP;
    private readonly Data.EmbeddingMatrix? _data;

    internal TsneRun(SparseAffinities p, double[] y, TsneOptions options, TsneGradientMethod method, int threads, Data.EmbeddingMatrix? data)
    {
        _weights = new ushort[p.Count];
        _rowScale = new float[p.Rows];
        (_weightScale, _pLogP) = Quantize(p, _weights, _rowScale, threads);
        (_rowStart, _columns) = (p.RowStart, p.Columns);
        _y = y;
        _options = options;
        _threads = threads;
        _data = data;
        _kernel = new TsneKernel(options.DegreesOfFreedom);
        Dimensions = options.Dimensions;
        Points = p.Rows;
        GradientMethod = method;
        _update = new double[y.Length];
        _gains = new double[y.Length];
        Array.Fill(_gains, 1.0);
        _gradient = new double[y.Length];
        _repulsive = new double[y.Length];
        _single = System.Runtime.Intrinsics.X86.Avx2.IsSupported ? new float[y.Length] : [];
        _repulsion = Points < 2 ? null : method switch
        {
            TsneGradientMethod.Fft => new FftRepulsion(Points, _kernel, threads, options.FftMinIntervals, options.FftMaxIntervals),
            TsneGradientMethod.Auto => new AdaptiveRepulsion(
                new FftRepulsion(Points, _kernel, threads, options.FftMinIntervals, options.FftMaxIntervals),
                new BarnesHutRepulsion(Points, Dimensions, _kernel, options.ThetaFor(Dimensions), threads),
                Points),
            TsneGradientMethod.BarnesHut => new BarnesHutRepulsion(Points, Dimensions, _kernel, options.ThetaFor(Dimensions), threads),
            _ => new ExactRepulsion(Points, Dimensions, _kernel, threads),
        };
    }

    /// <inheritdoc />
    public int Iteration { get; private set; }

    /// <inheritdoc />
    public int TotalIterations => _options.Iterations;

    /// <inheritdoc />
    public int Dimensions { get; }

    /// <inheritdoc />
    public int Points { get; }

    /// <inheritdoc />
    public string Phase => Iteration >= TotalIterations ? "done"
        : Iteration < _options.EarlyExaggerationIterations ? "early exaggeration" : "optimizing";

    /// <inheritdoc />
    public double? LastCost { get; private set; }

    /// <summary>
    /// The repulsion method in use: <see cref="TsneGradientMethod.Auto"/> resolved to Exact (small N) or
    /// Barnes-Hut (3-D); it stays Auto for 2-D, where each iteration takes the cheaper of FFT and Barnes-Hut.
    /// </summary>
    public TsneGradientMethod GradientMethod { get; }

    /// <summary>The perplexity the affinities were calibrated to (the option, reduced to (N − 1) / 3 for small N).</summary>
    public double EffectivePerplexity { get; internal init; }

    /// <summary>Neighbours per point used for P.</summary>
    public int Neighbors { get; internal init; }

    /// <summary>Adjustments made to the options (reduced perplexity, fewer neighbours than asked), for the user to see.</summary>
    public IReadOnlyList<string> Warnings { get; internal init; } = [];

    /// <summary>Time spent finding neighbours (zero when a graph was given).</summary>
    public TimeSpan NeighborTime { get; internal init; }

    /// <summary>Time spent on affinities and the initial layout.</summary>
    public TimeSpan AffinityTime { get; internal init; }

    /// <summary>The number of stored non-zero p_ij.</summary>
    internal int AffinityCount => _columns.Length;

    /// <summary>The P this run optimises (its quantized, renormalised values), in internal numbering; a copy.</summary>
    internal SparseAffinities Affinities
    {
        get
        {
            var values = new float[_weights.Length];
            for (var i = 0; i < Points; i++)
            {
                for (var e = _rowStart[i]; e < _rowStart[i + 1]; e++)
                {
                    values[e] = (float)(QuantizedRows.Decode(_weights[e], _rowScale[i]) * _weightScale);
                }
            }

            return new SparseAffinities(Points, _rowStart, _columns, values);
        }
    }

    /// <summary>
    /// Quantizes P into <paramref name="weights"/> and <paramref name="scales"/> by rows in parallel; returns
    /// 1 / Σ of the decoded values and Σ p log p of the renormalised P (from each row's Σ v and Σ v log v,
    /// added in row order, so the figures do not depend on the thread count).
    /// </summary>
    private static (double Scale, double PLogP) Quantize(SparseAffinities p, ushort[] weights, float[] scales, int threads)
    {
        var n = p.Rows;
        var rowSum = new double[n];
        var rowVLogV = new double[n];
        var chunks = Math.Max(1, Math.Min(n, threads * 16));
        Parallel.For(0, chunks, ParallelScheduling.Options(threads), c =>
        {
            var from = (int)((long)n * c / chunks);
            var to = (int)((long)n * (c + 1) / chunks);
            for (var i = from; i < to; i++)
            {
                var (start, end) = (p.RowStart[i], p.RowStart[i + 1]);
                scales[i] = QuantizedRows.EncodeRow(p.Values.AsSpan(start, end - start), weights.AsSpan(start, end - start));
                double sum = 0, vLogV = 0;
                for (var e = start; e < end; e++)
                {
                    var v = QuantizedRows.Decode(weights[e], scales[i]);
                    sum += v;
                    vLogV += v > 0 ? v * Math.Log(v) : 0;
                }

                rowSum[i] = sum;
                rowVLogV[i] = vLogV;
            }
        });

        double total = 0, totalVLogV = 0;
        for (var i = 0; i < n; i++)
        {
            total += rowSum[i];
            totalVLogV += rowVLogV[i];
        }

        // Σ (v/S) log(v/S) = (Σ v log v) / S − log S when Σ v = S.
        return total > 0 ? (1 / total, (totalVLogV / total) - Math.Log(total)) : (1, 0);
    }

    /// <summary>Time in the repulsion so far (for the benchmarks).</summary>
    internal TimeSpan RepulsionTime { get; private set; }

    /// <summary>Time in the repulsion's preparation (Barnes-Hut's tree), run beside the attraction, so far.</summary>
    internal TimeSpan PrepareTime { get; private set; }

    /// <summary>Time in the attraction and gradient assembly (with the repulsion's preparation beside it) so far.</summary>
    internal TimeSpan AttractionTime { get; private set; }

    /// <summary>Time in the gains, momentum and position update so far.</summary>
    internal TimeSpan UpdateTime { get; private set; }

    /// <inheritdoc />
    public ProjectionFrame Snapshot()
    {
        var positions = new float[_y.Length];
        var dims = Dimensions;
        for (var s = 0; s < Points; s++)
        {
            var i = _original is null ? s : _original[s];
            for (var d = 0; d < dims; d++)
            {
                positions[(i * dims) + d] = (float)_y[(s * dims) + d];
            }
        }

        return new ProjectionFrame(positions, Points, Dimensions, Iteration, TotalIterations, LastCost, Phase);
    }
}
