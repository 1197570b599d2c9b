using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Projector.Core.Projections.Tsne;

/// <summary>The 3-D attraction, vectorised as the 2-D one is.</summary>
public sealed partial class TsneRun
{
    /// <summary>
    /// The attraction of internal points [from, to) combined with the repulsion into _gradient, 3-D. The
    /// scalar loop of any dimension took about 3.4x as long per entry as the 2-D gather loop, and with it
    /// the attraction was the larger half of a 3-D run's extra time over 2-D (docs/benchmarks.md, "Engine at scale").
    /// </summary>
    private unsafe void Attraction3D(int from, int to, double exaggeration, double invZ, double[]? rowLogW)
    {
        var rowStart = _p.RowStart;
        var invAlpha = 1 / _kernel.Alpha;
        fixed (double* y = _y)
        fixed (int* columns = _p.Columns)
        fixed (float* values = _p.Values)
        {
            for (var s = from; s < to; s++)
            {
                var (ax, ay, az) = Avx2.IsSupported
                    ? Row3DAvx2(y, columns, values, s, rowStart[s], rowStart[s + 1], invAlpha)
                    : Row3D(y, columns, values, s, rowStart[s], rowStart[s + 1], invAlpha);
                _gradient[3 * s] = (exaggeration * ax) - (_repulsive[3 * s] * invZ);
                _gradient[(3 * s) + 1] = (exaggeration * ay) - (_repulsive[(3 * s) + 1] * invZ);
                _gradient[(3 * s) + 2] = (exaggeration * az) - (_repulsive[(3 * s) + 2] * invZ);
                if (rowLogW is not null)
                {
                    rowLogW[s] = RowLogW(s);
                }
            }
        }
    }

    /// <summary>Σ_e p_e w_e^(1/α) (y_i − y_j) over entries [start, end) of row i, 3-D.</summary>
    private static unsafe (double X, double Y, double Z) Row3D(double* y, int* columns, float* values, int i, int start, int end, double invAlpha)
    {
        var (xi, yi, zi) = (y[3 * i], y[(3 * i) + 1], y[(3 * i) + 2]);
        double ax = 0, ay = 0, az = 0;
        for (var e = start; e < end; e++)
        {
            var j = columns[e];
            var dx = xi - y[3 * j];
            var dy = yi - y[(3 * j) + 1];
            var dz = zi - y[(3 * j) + 2];
            var pw = values[e] / (1.0 + (((dx * dx) + (dy * dy) + (dz * dz)) * invAlpha));
            ax += pw * dx;
            ay += pw * dy;
            az += pw * dz;
        }

        return (ax, ay, az);
    }

    /// <summary><see cref="Row3D"/> four entries at a time: the y_j gathered, the divisions one vector instruction.</summary>
    private static unsafe (double X, double Y, double Z) Row3DAvx2(double* y, int* columns, float* values, int i, int start, int end, double invAlpha)
    {
        var (xi, yi, zi) = (Vector256.Create(y[3 * i]), Vector256.Create(y[(3 * i) + 1]), Vector256.Create(y[(3 * i) + 2]));
        var scale = Vector256.Create(invAlpha);
        var ax = Vector256<double>.Zero;
        var ay = Vector256<double>.Zero;
        var az = Vector256<double>.Zero;
        var e = start;
        for (; e + 4 <= end; e += 4)
        {
            var j = Sse2.LoadVector128(columns + e);
            var thrice = Sse2.Add(Sse2.ShiftLeftLogical(j, 1), j);
            var dx = xi - Avx2.GatherVector256(y, thrice, 8);
            var dy = yi - Avx2.GatherVector256(y + 1, thrice, 8);
            var dz = zi - Avx2.GatherVector256(y + 2, thrice, 8);
            var p = Avx.ConvertToVector256Double(Sse.LoadVector128(values + e));
            var pw = p / (Vector256<double>.One + (((dx * dx) + (dy * dy) + (dz * dz)) * scale));
            ax += pw * dx;
            ay += pw * dy;
            az += pw * dz;
        }

        var (tx, ty, tz) = Row3D(y, columns, values, i, e, end, invAlpha);
        return (Vector256.Sum(ax) + tx, Vector256.Sum(ay) + ty, Vector256.Sum(az) + tz);
    }
}
