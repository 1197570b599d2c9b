namespace Projector.Core.Projections.Tsne;

// The grid side of the FFT repulsion: kernel spectra, charge spreading and the spectral product.
internal sealed partial class FftRepulsion
{
    /// <summary>
    /// Spectra of K1 (real part) and K2 (imaginary part) sampled at node offsets (a, b)·h for
    /// |a|, |b| &lt; n, laid out circulantly (offset −a at P − a) so the cyclic convolution of size
    /// P ≥ 2n − 1 equals the linear one on the first n x n outputs. The 1 / P² of the inverse transform
    /// is folded in here.
    /// </summary>
    private void KernelSpectra(int size, int n, double h)
    {
        Array.Clear(_kr);
        Array.Clear(_ki);
        var scale = 1.0 / ((double)size * size);
        Parallel.For(-(n - 1), n, new ParallelOptions { MaxDegreeOfParallelism = _threads }, a =>
        {
            var row = (a < 0 ? a + size : a) * size;
            for (var b = -(n - 1); b < n; b++)
            {
                var r2 = (((double)a * a) + ((double)b * b)) * h * h;
                var col = b < 0 ? b + size : b;
                _kr[row + col] = (float)(_kernel.Similarity(r2) * scale);
                _ki[row + col] = (float)(_kernel.Repulsion(r2) * scale);
            }
        });
        _fft!.Forward(_kr, _ki, size);
    }

    /// <summary>
    /// Charges onto the nodes: A = 1 + i x, B = y. Each interval row owns its 3 node rows, so interval
    /// rows run in parallel without sharing a node, and points add in index order within an interval.
    /// </summary>
    private void Spread(double[] y, int[] box, int[] order, double[] wx, double[] wy, int intervals, int size)
    {
        Array.Clear(_ar);
        Array.Clear(_ai);
        Array.Clear(_br);
        Array.Clear(_bi);
        var rowStart = new int[intervals + 1];
        foreach (var b in box)
        {
            rowStart[(b / intervals) + 1]++;
        }

        for (var r = 0; r < intervals; r++)
        {
            rowStart[r + 1] += rowStart[r];
        }

        Parallel.For(0, intervals, new ParallelOptions { MaxDegreeOfParallelism = _threads }, by =>
        {
            for (var o = rowStart[by]; o < rowStart[by + 1]; o++)
            {
                var i = order[o];
                var bx = box[i] % intervals;
                var (x, yy) = (y[2 * i], y[(2 * i) + 1]);
                for (var a = 0; a < 3; a++)
                {
                    var row = (((by * 3) + a) * size) + (bx * 3);
                    for (var b = 0; b < 3; b++)
                    {
                        var w = wy[(i * 3) + a] * wx[(i * 3) + b];
                        _ar[row + b] += (float)w;
                        _ai[row + b] += (float)(w * x);
                        _br[row + b] += (float)(w * yy);
                    }
                }
            }
        });
    }

    /// <summary>
    /// A ← K2̂ · A (gives K2*1 + i K2*x); B ← K2̂ · B + i K1̂ · F(1), where F(1)[k] = (A[k] + conj A[−k]) / 2
    /// separates the transform of the real part of A.
    /// </summary>
    private void Multiply(int size)
    {
        Parallel.For(0, size, new ParallelOptions { MaxDegreeOfParallelism = _threads }, r =>
        {
            var rm = (size - r) & (size - 1);
            for (var c = 0; c < size; c++)
            {
                var k = (r * size) + c;
                var km = (rm * size) + ((size - c) & (size - 1));
                var oneRe = (_ar[k] + _ar[km]) / 2;
                var oneIm = (_ai[k] - _ai[km]) / 2;
                var k1 = _kr[k];
                var k2 = _ki[k];

                // B first: it reads A at k and −k, which another row's iteration must not have scaled yet.
                _br[k] = (k2 * _br[k]) - (k1 * oneIm);
                _bi[k] = (k2 * _bi[k]) + (k1 * oneRe);
            }
        });
        Parallel.For(0, size, new ParallelOptions { MaxDegreeOfParallelism = _threads }, r =>
        {
            for (var k = r * size; k < (r + 1) * size; k++)
            {
                _ar[k] *= _ki[k];
                _ai[k] *= _ki[k];
            }
        });
    }
}
