using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Projector.Core.Projections.Tsne;

/// <summary>The 3-D attraction, vectorised as the 2-D one is.</summary>
public sealed partial class TsneRun
{
    /// <summary>
    /// The attraction of internal points [from, to), times the exaggeration, into _gradient, 3-D. The
    /// scalar loop of any dimension took about 3.4x as long per entry as the 2-D gather loop, and with it
    /// the attraction was the larger half of a 3-D run's extra time over 2-D (docs/benchmarks.md, "Engine at scale").
    /// As in 2-D, the gathers read the positions' float32 copy, eight entries an instruction: the double
    /// gather of four took 22.6 s of a 100k-point run's 750 iterations against 12.8 s for 2-D.
    /// </summary>
    private unsafe void Attraction3D(int from, int to, double exaggeration, double[]? rowLogW)
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
                var (ax, ay, az) = Avx2.IsSupported
                    ? Row3DAvx2(single, columns, values, s, rowStart[s], rowStart[s + 1], (float)invAlpha)
                    : Row3D(y, columns, values, s, rowStart[s], rowStart[s + 1], invAlpha);
                var scale = exaggeration * _weightScale * _rowScale[s];
                _gradient[3 * s] = scale * ax;
                _gradient[(3 * s) + 1] = scale * ay;
                _gradient[(3 * s) + 2] = scale * az;
                if (rowLogW is not null)
                {
                    rowLogW[s] = RowLogW(s);
                }
            }
        }
    }

    /// <summary>Σ_e q_e w_e^(1/α) (y_i − y_j) over entries [start, end) of row i, 3-D, with q P's quantized values (the caller applies the row's scale, see <see cref="QuantizedRows"/>).</summary>
    internal static unsafe (double X, double Y, double Z) Row3D(double* y, int* columns, ushort* values, int i, int start, int end, double invAlpha)
    {
        var (xi, yi, zi) = (y[3 * i], y[(3 * i) + 1], y[(3 * i) + 2]);
        double ax = 0, ay = 0, az = 0;
        for (var e = start; e < end; e++)
        {
            var j = columns[e];
            var dx = xi - y[3 * j];
            var dy = yi - y[(3 * j) + 1];
            var dz = zi - y[(3 * j) + 2];
            var pw = (float)values[e] / (1.0 + (((dx * dx) + (dy * dy) + (dz * dz)) * invAlpha));
            ax += pw * dx;
            ay += pw * dy;
            az += pw * dz;
        }

        return (ax, ay, az);
    }

    /// <summary>
    /// <see cref="Row3D"/> eight entries at a time, in float32 from the positions' float32 copy (the
    /// precision argument of the 2-D loop holds): the y_j gathered, the divisions one vector instruction.
    /// </summary>
    internal static unsafe (double X, double Y, double Z) Row3DAvx2(float* y, int* columns, ushort* values, int i, int start, int end, float invAlpha)
    {
        var (xi, yi, zi) = (Vector256.Create(y[3 * i]), Vector256.Create(y[(3 * i) + 1]), Vector256.Create(y[(3 * i) + 2]));
        var scale = Vector256.Create(invAlpha);
        var ax = Vector256<float>.Zero;
        var ay = Vector256<float>.Zero;
        var az = Vector256<float>.Zero;
        var e = start;
        for (; e + 8 <= end; e += 8)
        {
            var j = Avx.LoadVector256(columns + e);
            var thrice = Avx2.Add(Avx2.ShiftLeftLogical(j, 1), j);
            // (x, y) in pairs and z alone: 16 elements loaded for eight entries instead of 24.
            var (gx, gy) = GatherPairs(y, thrice);
            var dx = xi - gx;
            var dy = yi - gy;
            var dz = zi - Avx2.GatherVector256(y + 2, thrice, 4);
            var pw = Widen(values + e) / (Vector256<float>.One + (((dx * dx) + (dy * dy) + (dz * dz)) * scale));
            ax += pw * dx;
            ay += pw * dy;
            az += pw * dz;
        }

        float tx = 0, ty = 0, tz = 0;
        for (; e < end; e++)
        {
            var j = columns[e];
            var dx = y[3 * i] - y[3 * j];
            var dy = y[(3 * i) + 1] - y[(3 * j) + 1];
            var dz = y[(3 * i) + 2] - y[(3 * j) + 2];
            var pw = (float)values[e] / (1f + (((dx * dx) + (dy * dy) + (dz * dz)) * invAlpha));
            tx += pw * dx;
            ty += pw * dy;
            tz += pw * dz;
        }

        return ((double)Vector256.Sum(ax) + tx, (double)Vector256.Sum(ay) + ty, (double)Vector256.Sum(az) + tz);
    }
}
