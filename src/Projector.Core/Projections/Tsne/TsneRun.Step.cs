using System.Diagnostics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Projector.Core.Projections.Tsne;

// One iteration: gradient (sparse attraction + approximated repulsion), gains, momentum, step clipping
// and re-centring, as openTSNE's gradient_descent.
public sealed partial class TsneRun
{
    /// <summary>Gain added when the gradient's sign disagrees with the last update (Jacobs 1988, bhtsne).</summary>
    private const double GainIncrease = 0.2;

    /// <summary>Gain factor when it agrees.</summary>
    private const double GainDecay = 0.8;

    /// <summary>Smallest gain.</summary>
    private const double MinGain = 0.01;

    /// <inheritdoc />
    public bool Step(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Iteration >= TotalIterations)
        {
            return false;
        }

        var early = Iteration < _options.EarlyExaggerationIterations;
        var exaggeration = early ? _options.EarlyExaggeration : _options.Exaggeration;
        var momentum = early ? _options.InitialMomentum : _options.FinalMomentum;
        var learningRate = _options.LearningRate ?? Math.Max(Points / exaggeration, 1.0);
        var withCost = _options.KlEvery > 0 && ((Iteration + 1) % _options.KlEvery == 0 || Iteration + 1 == TotalIterations);
        if (_repulsion is not null)
        {
            if (ReorderDue)
            {
                Reorder();
            }

            var cost = Gradient(exaggeration, withCost);
            var start = Stopwatch.GetTimestamp();
            Update(momentum, learningRate);
            UpdateTime += Stopwatch.GetElapsedTime(start);
            if (withCost)
            {
                LastCost = cost;
            }
        }
        else if (withCost)
        {
            LastCost = 0;
        }

        Iteration++;
        return true;
    }

    /// <summary>
    /// _gradient ← exaggeration · Σ_j p_ij w_ij^(1/α) (y_i − y_j) − (1/Z) Σ_j w_ij^((α+1)/α) (y_i − y_j),
    /// the KL gradient over 4 (openTSNE's convention); the repulsion's half is subtracted by
    /// <see cref="Update"/>, once Z is known. Returns KL(P‖Q) = Σ p log p − Σ p log w + log Z when asked.
    /// </summary>
    /// <remarks>
    /// The attraction does not depend on the repulsion, so it runs first, beside the repulsion's serial
    /// preparation (Barnes-Hut's tree): one thread builds the tree while the others take rows, and it joins
    /// them when done. Rows go to threads in contiguous chunks handed out in order (a delegate call per
    /// point cost more than the row itself); each row is summed in column order by one thread, so the bytes
    /// do not depend on which thread took it or how many there are.
    /// </remarks>
    private double Gradient(double exaggeration, bool withCost)
    {
        var start = Stopwatch.GetTimestamp();
        var rowLogW = withCost ? new double[Points] : null;
        var chunks = Math.Min(Points, _threads * 16);
        if (_single.Length > 0)
        {
            TensorPrimitives.ConvertTruncating<double, float>(_y, _single);
        }

        var next = -1;
        var repulsion = _repulsion!;
        Parallel.For(0, Math.Min(_threads, chunks), ParallelScheduling.Options(_threads), worker =>
        {
            if (worker == 0)
            {
                var prepare = Stopwatch.GetTimestamp();
                repulsion.Prepare(_y);
                PrepareTime += Stopwatch.GetElapsedTime(prepare);
            }

            for (var c = Interlocked.Increment(ref next); c < chunks; c = Interlocked.Increment(ref next))
            {
                var from = (int)((long)Points * c / chunks);
                var to = (int)((long)Points * (c + 1) / chunks);
                if (Dimensions == 2)
                {
                    Attraction2D(from, to, exaggeration, rowLogW);
                }
                else
                {
                    Attraction3D(from, to, exaggeration, rowLogW);
                }
            }
        });
        AttractionTime += Stopwatch.GetElapsedTime(start);

        start = Stopwatch.GetTimestamp();
        var z = repulsion.Compute(_y, _repulsive);
        _invZ = 1 / z;
        RepulsionTime += Stopwatch.GetElapsedTime(start);
        if (rowLogW is null)
        {
            return double.NaN;
        }

        var sum = 0.0;
        foreach (var v in rowLogW)
        {
            sum += v;
        }

        return _pLogP - sum + Math.Log(z);
    }

    /// <summary>
    /// The attraction of internal points [from, to), times the exaggeration, into _gradient, 2-D: the hot
    /// loop of every iteration.
    /// </summary>
    private unsafe void Attraction2D(int from, int to, double exaggeration, double[]? rowLogW)
    {
        var rowStart = _rowStart;
        var invAlpha = 1 / _kernel.Alpha;
        fixed (double* y = _y)
        fixed (float* single = _single)
        fixed (int* columns = _columns)
        fixed (ushort* values = _weights)
        {
            for (var s = from; s < to; s++)
            {
                var (ax, ay) = Avx2.IsSupported
                    ? Row2DAvx2(single, columns, values, s, rowStart[s], rowStart[s + 1], (float)invAlpha)
                    : Row2D(y, columns, values, s, rowStart[s], rowStart[s + 1], invAlpha);
                var scale = exaggeration * _weightScale * _rowScale[s];
                _gradient[2 * s] = scale * ax;
                _gradient[(2 * s) + 1] = scale * ay;
                if (rowLogW is not null)
                {
                    rowLogW[s] = RowLogW(s);
                }
            }
        }
    }

    /// <summary>Σ_e q_e w_e^(1/α) (y_i − y_j) over entries [start, end) of row i, 2-D, with q P's quantized values (the caller applies the row's scale, see <see cref="QuantizedRows"/>).</summary>
    internal static unsafe (double X, double Y) Row2D(double* y, int* columns, ushort* values, int i, int start, int end, double invAlpha)
    {
        var (xi, yi) = (y[2 * i], y[(2 * i) + 1]);
        double ax = 0, ay = 0;
        for (var e = start; e < end; e++)
        {
            var j = columns[e];
            var dx = xi - y[2 * j];
            var dy = yi - y[(2 * j) + 1];
            var pw = (float)values[e] / (1.0 + (((dx * dx) + (dy * dy)) * invAlpha));
            ax += pw * dx;
            ay += pw * dy;
        }

        return (ax, ay);
    }

    /// <summary>
    /// <see cref="Row2D"/> eight entries at a time, in float32 from the positions' float32 copy: the y_j
    /// are gathered as (x, y) pairs and the divisions run as one vector instruction. The row's sums are float32 over at
    /// most a few hundred terms (relative error about 1e-6, far below the repulsion's interpolation
    /// error), and each point's gather reads 8 bytes instead of 16.
    /// </summary>
    internal static unsafe (double X, double Y) Row2DAvx2(float* y, int* columns, ushort* values, int i, int start, int end, float invAlpha)
    {
        var (xi, yi) = (Vector256.Create(y[2 * i]), Vector256.Create(y[(2 * i) + 1]));
        var scale = Vector256.Create(invAlpha);
        var ax = Vector256<float>.Zero;
        var ay = Vector256<float>.Zero;
        var e = start;
        for (; e + 8 <= end; e += 8)
        {
            var (gx, gy) = GatherPairs(y, Avx2.ShiftLeftLogical(Avx.LoadVector256(columns + e), 1));
            var dx = xi - gx;
            var dy = yi - gy;
            var pw = Widen(values + e) / (Vector256<float>.One + (((dx * dx) + (dy * dy)) * scale));
            ax += pw * dx;
            ay += pw * dy;
        }

        float tx = 0, ty = 0;
        for (; e < end; e++)
        {
            var j = columns[e];
            var dx = y[2 * i] - y[2 * j];
            var dy = y[(2 * i) + 1] - y[(2 * j) + 1];
            var pw = (float)values[e] / (1f + (((dx * dx) + (dy * dy)) * invAlpha));
            tx += pw * dx;
            ty += pw * dy;
        }

        return ((double)Vector256.Sum(ax) + tx, (double)Vector256.Sum(ay) + ty);
    }

    /// <summary>Eight quantized values as float32 (exact: they are below 2^16).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<float> Widen(ushort* values) => Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(values));

    /// <summary>
    /// y[offset] and y[offset + 1] of eight entries (offsets in floats). Each pair is one 8-byte element, so
    /// two gathers of four load half the elements two gathers of eight floats did; the pairs are then split
    /// and put back in entry order (a shuffle within 128-bit halves, then a swap of the middle quarters).
    /// The 2-D and 3-D attractions read (x, y) this way.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static unsafe (Vector256<float> First, Vector256<float> Second) GatherPairs(float* y, Vector256<int> offset)
    {
        var low = Avx2.GatherVector256((double*)y, offset.GetLower(), 4).AsSingle();
        var high = Avx2.GatherVector256((double*)y, offset.GetUpper(), 4).AsSingle();
        return (Avx2.Permute4x64(Avx.Shuffle(low, high, 0b10_00_10_00).AsDouble(), 0b11_01_10_00).AsSingle(),
            Avx2.Permute4x64(Avx.Shuffle(low, high, 0b11_01_11_01).AsDouble(), 0b11_01_10_00).AsSingle());
    }

    /// <summary>
    /// Σ_j p_ij log w_ij over row i (the cost's data term; only every <see cref="TsneOptions.KlEvery"/>
    /// iterations), as −α Σ_j p_ij log(1 + r²/α) with the row's logarithms taken at once, in float32, by
    /// <c>TensorPrimitives.Log</c> (a relative error of about 1e-7 a term in a figure that is printed).
    /// With a scalar division and logarithm per entry an iteration that reports the cost took 11-14 ms
    /// on MNIST's 10k points against 1.1 ms for one that does not; with double logarithms, 8-9 ms.
    /// </summary>
    private double RowLogW(int i)
    {
        var dims = Dimensions;
        var (start, end) = (_rowStart[i], _rowStart[i + 1]);
        var n = end - start;
        if (_logTerms is null || _logTerms.Length < n)
        {
            _logTerms = new float[Math.Max(n, 256)];
        }

        var terms = _logTerms.AsSpan(0, n);
        var invAlpha = 1 / _kernel.Alpha;
        var y = _y;
        var columns = _columns.AsSpan(start, n);
        var values = _weights.AsSpan(start, n);
        for (var k = 0; k < n; k++)
        {
            var j = columns[k];
            var r2 = 0.0;
            for (var d = 0; d < dims; d++)
            {
                var diff = y[(i * dims) + d] - y[(j * dims) + d];
                r2 += diff * diff;
            }

            terms[k] = (float)(1 + (r2 * invAlpha));
        }

        TensorPrimitives.Log(terms, terms);
        var sum = 0.0;
        for (var k = 0; k < n; k++)
        {
            sum += values[k] * terms[k];
        }

        return -_kernel.Alpha * sum * _rowScale[i] * _weightScale;
    }

    // Each thread's row of 1 + r²/α terms for RowLogW.
    [ThreadStatic]
    private static float[]? _logTerms;

    // 1 / Z of the last repulsion, for Update.
    private double _invZ;

    /// <summary>Gains and momentum per coordinate (the gradient completed by the repulsion's half), the update clipped to <see cref="TsneOptions.MaxStepNorm"/> per point, then the layout re-centred.</summary>
    /// <remarks>
    /// Points go to threads in contiguous chunks, and the mean is summed point by point without an index
    /// modulo: at 1M points a delegate call per point and a modulo per coordinate made this 28 ms of an
    /// iteration. The mean's additions keep their order (point order, per dimension), so the bytes do not change.
    /// </remarks>
    private void Update(double momentum, double learningRate)
    {
        var dims = Dimensions;
        var maxNorm = _options.MaxStepNorm;
        var points = Points;
        var chunks = Math.Min(points, _threads * 16);
        Parallel.For(0, chunks, ParallelScheduling.Options(_threads), c =>
        {
            var from = (int)((long)points * c / chunks);
            var to = (int)((long)points * (c + 1) / chunks);
            for (var i = from; i < to; i++)
            {
                UpdatePoint(i, dims, momentum, learningRate, maxNorm);
            }
        });

        Span<double> mean = stackalloc double[3];
        mean.Clear();
        var y = _y;
        for (var i = 0; i < points; i++)
        {
            for (var d = 0; d < dims; d++)
            {
                mean[d] += y[(i * dims) + d];
            }
        }

        for (var d = 0; d < dims; d++)
        {
            mean[d] /= points;
        }

        var shift = (mean[0], mean[1], mean[2]);
        Parallel.For(0, chunks, ParallelScheduling.Options(_threads), c =>
        {
            var from = (int)((long)points * c / chunks) * dims;
            var to = (int)((long)points * (c + 1) / chunks) * dims;
            for (var k = from; k < to; k += dims)
            {
                y[k] -= shift.Item1;
                y[k + 1] -= shift.Item2;
                if (dims == 3)
                {
                    y[k + 2] -= shift.Item3;
                }
            }
        });
    }

    private void UpdatePoint(int i, int dims, double momentum, double learningRate, double maxNorm)
    {
        var norm2 = 0.0;
        for (var d = 0; d < dims; d++)
        {
            var k = (i * dims) + d;
            var g = _gradient[k] - (_repulsive[k] * _invZ);
            // Growing while the last step went downhill (update against the gradient), as bhtsne and openTSNE.
            _gains[k] = _update[k] * g < 0 ? _gains[k] + GainIncrease : Math.Max(_gains[k] * GainDecay, MinGain);
            _update[k] = (momentum * _update[k]) - (learningRate * _gains[k] * g);
            norm2 += _update[k] * _update[k];
        }

        var scale = maxNorm > 0 && norm2 > maxNorm * maxNorm ? maxNorm / Math.Sqrt(norm2) : 1.0;
        for (var d = 0; d < dims; d++)
        {
            var k = (i * dims) + d;
            _update[k] *= scale;
            _y[k] += _update[k];
        }
    }
}
