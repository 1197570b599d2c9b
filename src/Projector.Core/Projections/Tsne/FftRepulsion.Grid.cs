namespace Projector.Core.Projections.Tsne;

// The grid side of the FFT repulsion: kernel spectra, charge spreading and the spectral product.
internal sealed partial class FftRepulsion
{
    /// <summary>
    /// Spectra of K1 (real part) and K2 (imaginary part) sampled at node offsets (a, b)·h for
    /// |a|, |b| &lt; n, laid out circulantly (offset −a at P − a, zero between n and P − n) so the cyclic
    /// convolution of size P ≥ 2n − 1 equals the linear one on the first n x n outputs. Every entry is
    /// written, so nothing is cleared. The 1 / P² of the inverse transform is folded in here.
    /// </summary>
    private void KernelSpectra(int size, int n, double h)
    {
        var scale = 1.0 / ((double)size * size);
        Parallel.For(0, size, ParallelScheduling.Options(_threads), row =>
        {
            var a = row < n ? row : row > size - n ? row - size : int.MinValue;
            var kr = _kr.AsSpan(row * _fft!.Stride, size);
            var ki = _ki.AsSpan(row * _fft.Stride, size);
            if (a == int.MinValue)
            {
                kr.Clear();
                ki.Clear();
                return;
            }

            for (var col = 0; col < size; col++)
            {
                var b = col < n ? col : col > size - n ? col - size : int.MinValue;
                if (b == int.MinValue)
                {
                    kr[col] = 0;
                    ki[col] = 0;
                    continue;
                }

                var r2 = (((double)a * a) + ((double)b * b)) * h * h;
                kr[col] = (float)(_kernel.Similarity(r2) * scale);
                ki[col] = (float)(_kernel.Repulsion(r2) * scale);
            }
        });
        _fft!.Forward(_kr, _ki, size, size, _fft.Stride, _kr, _ki);
    }

    /// <summary>
    /// Charges onto the n x n nodes: 1, x and y. Each interval row owns its 3 node rows, and each node
    /// belongs to one interval, so the rows are split into contiguous ranges of about equal numbers of
    /// points, one per worker, and each worker scans all points in index order and spreads those in its
    /// rows: every node adds its points in index order, whatever the split.
    /// </summary>
    /// <remarks>
    /// Visiting the points sorted by interval read each point's position and weights from anywhere in
    /// memory: at a million points in random order that was about 250 ns a point, three quarters of a
    /// call (`tsne-repulsion --points 1000000 --threads 1`). The scan reads them in sequence, and a worker
    /// reads the others' intervals only (4 bytes a point).
    /// </remarks>
    private void Spread(double[] y, int[] box, double[] wx, double[] wy, int intervals, int n)
    {
        Array.Clear(_one);
        Array.Clear(_x);
        Array.Clear(_y);
        var rowStart = new int[intervals + 1];
        foreach (var b in box)
        {
            rowStart[(b / intervals) + 1]++;
        }

        for (var r = 0; r < intervals; r++)
        {
            rowStart[r + 1] += rowStart[r];
        }

        // Worker w spreads interval rows [first[w], first[w + 1]), about N / workers points.
        var workers = Math.Max(1, Math.Min(_threads, intervals));
        var first = new int[workers + 1];
        first[workers] = intervals;
        for (int w = 1, r = 0; w < workers; w++)
        {
            while (r < intervals && rowStart[r] < (long)_points * w / workers)
            {
                r++;
            }

            first[w] = Math.Max(r, first[w - 1]);
        }

        Parallel.For(0, workers, ParallelScheduling.Options(_threads), w =>
            SpreadRows(first[w] * intervals, first[w + 1] * intervals, y, box, wx, wy, intervals, n, _one, _x, _y));
    }

    /// <summary>The points whose interval is in [lo, hi), in index order, onto their nodes (arrays in locals, weights in registers).</summary>
    private static void SpreadRows(int lo, int hi, double[] y, int[] box, double[] wx, double[] wy, int intervals, int n, float[] one, float[] xs, float[] ys)
    {
        for (var i = 0; i < box.Length; i++)
        {
            var b = box[i];
            if (b < lo || b >= hi)
            {
                continue;
            }

            var by = b / intervals;
            var bx = b - (by * intervals);
            var (px, py) = (y[2 * i], y[(2 * i) + 1]);
            var (x0, x1, x2) = (wx[i * 3], wx[(i * 3) + 1], wx[(i * 3) + 2]);
            for (var a = 0; a < 3; a++)
            {
                var wa = wy[(i * 3) + a];
                var row = (((by * 3) + a) * n) + (bx * 3);
                var (w0, w1, w2) = (wa * x0, wa * x1, wa * x2);
                one[row] += (float)w0;
                xs[row] += (float)(w0 * px);
                ys[row] += (float)(w0 * py);
                one[row + 1] += (float)w1;
                xs[row + 1] += (float)(w1 * px);
                ys[row + 1] += (float)(w1 * py);
                one[row + 2] += (float)w2;
                xs[row + 2] += (float)(w2 * px);
                ys[row + 2] += (float)(w2 * py);
            }
        }
    }

    /// <summary>
    /// A ← K2̂ · A (gives K2*1 + i K2*x); B ← K2̂ · B + i K1̂ · F(1), where F(1)[k] = (A[k] + conj A[−k]) / 2
    /// separates the transform of the real part of A.
    /// </summary>
    private void Multiply(int size)
    {
        var stride = _fft!.Stride;
        Parallel.For(0, size, ParallelScheduling.Options(_threads), r =>
        {
            var rm = (size - r) % size;
            for (var c = 0; c < size; c++)
            {
                var k = (r * stride) + c;
                var km = (rm * stride) + ((size - c) % size);
                var oneRe = (_ar[k] + _ar[km]) / 2;
                var oneIm = (_ai[k] - _ai[km]) / 2;
                var k1 = _kr[k];
                var k2 = _ki[k];

                // B first: it reads A at k and −k, which another row's iteration must not have scaled yet.
                _br[k] = (k2 * _br[k]) - (k1 * oneIm);
                _bi[k] = (k2 * _bi[k]) + (k1 * oneRe);
            }
        });
        Parallel.For(0, size, ParallelScheduling.Options(_threads), r =>
        {
            for (var k = r * stride; k < (r * stride) + size; k++)
            {
                _ar[k] *= _ki[k];
                _ai[k] *= _ki[k];
            }
        });
    }
}
