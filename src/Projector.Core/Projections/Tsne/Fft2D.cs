using System.Numerics;

namespace Projector.Core.Projections.Tsne;

/// <summary>
/// In-place radix-2 complex FFT of a P x P grid (P a power of two) in split float32 real/imaginary
/// arrays, specialised for the zero-padded convolutions of <see cref="FftRepulsion"/>.
/// </summary>
/// <remarks>
/// Why hand-written rather than MathNet.Numerics' Fourier: the convolution input is non-zero only in its
/// first n rows and the output is needed only in its first n rows (n ≈ P/2), so the row transforms of
/// the other rows are skipped (a quarter of the work); the column transforms run as butterflies between
/// whole rows, which vectorise with <see cref="Vector{T}"/> over contiguous memory; and no arrays are
/// allocated per call. Float32 keeps the grid in cache; the kernel sums it carries need about 1e-5
/// relative accuracy, far below the 1e-2 the gradient is allowed (measured in the tests).
/// </remarks>
internal sealed class Fft2D
{
    private readonly float[] _cos;
    private readonly float[] _sin;
    private readonly int[] _bitReverse;
    private readonly int _threads;

    public Fft2D(int size, int threads)
    {
        if (size < 2 || (size & (size - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), "The FFT size must be a power of two.");
        }

        Size = size;
        _threads = threads;
        _cos = new float[size / 2];
        _sin = new float[size / 2];
        for (var k = 0; k < size / 2; k++)
        {
            _cos[k] = (float)Math.Cos(2 * Math.PI * k / size);
            _sin[k] = (float)Math.Sin(2 * Math.PI * k / size);
        }

        var bits = BitOperations.Log2((uint)size);
        _bitReverse = new int[size];
        for (var i = 0; i < size; i++)
        {
            _bitReverse[i] = (int)(ReverseBits((uint)i) >> (32 - bits));
        }
    }

    /// <summary>P.</summary>
    public int Size { get; }

    /// <summary>Forward transform (e^−2πi) of a grid whose rows at or after <paramref name="nonZeroRows"/> are zero.</summary>
    public void Forward(float[] re, float[] im, int nonZeroRows)
    {
        Parallel.For(0, nonZeroRows, new ParallelOptions { MaxDegreeOfParallelism = _threads }, r =>
            Transform1D(re.AsSpan(r * Size, Size), im.AsSpan(r * Size, Size), inverse: false));
        Columns(re, im, inverse: false);
    }

    /// <summary>Unscaled inverse transform (e^+2πi); only the first <paramref name="neededRows"/> rows of the result are valid.</summary>
    public void Inverse(float[] re, float[] im, int neededRows)
    {
        Columns(re, im, inverse: true);
        Parallel.For(0, neededRows, new ParallelOptions { MaxDegreeOfParallelism = _threads }, r =>
            Transform1D(re.AsSpan(r * Size, Size), im.AsSpan(r * Size, Size), inverse: true));
    }

    /// <summary>Iterative Cooley-Tukey on one row: bit-reversal permutation, then log2 P butterfly stages.</summary>
    private void Transform1D(Span<float> re, Span<float> im, bool inverse)
    {
        var n = Size;
        for (var i = 0; i < n; i++)
        {
            var j = _bitReverse[i];
            if (j > i)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }

        var sign = inverse ? 1f : -1f;
        for (var len = 2; len <= n; len <<= 1)
        {
            var half = len >> 1;
            var step = n / len;
            for (var s = 0; s < n; s += len)
            {
                for (var k = 0; k < half; k++)
                {
                    var wr = _cos[k * step];
                    var wi = sign * _sin[k * step];
                    var a = s + k;
                    var b = a + half;
                    var tr = (wr * re[b]) - (wi * im[b]);
                    var ti = (wr * im[b]) + (wi * re[b]);
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }

    /// <summary>
    /// The same butterflies down the columns, each "element" being a whole row: one twiddle per row
    /// pair, applied across contiguous columns with SIMD. Column blocks are split between threads.
    /// </summary>
    private void Columns(float[] re, float[] im, bool inverse)
    {
        var n = Size;
        for (var i = 0; i < n; i++)
        {
            var j = _bitReverse[i];
            if (j > i)
            {
                SwapRows(re, i, j);
                SwapRows(im, i, j);
            }
        }

        var width = Vector<float>.Count;
        var blocks = Math.Max(1, Math.Min(_threads * 2, n / Math.Max(width, 16)));
        var blockWidth = n / blocks;
        var sign = inverse ? 1f : -1f;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = _threads }, block =>
        {
            var c0 = block * blockWidth;
            var c1 = block == blocks - 1 ? n : c0 + blockWidth;
            for (var len = 2; len <= n; len <<= 1)
            {
                var half = len >> 1;
                var step = n / len;
                for (var s = 0; s < n; s += len)
                {
                    for (var k = 0; k < half; k++)
                    {
                        Butterfly(re, im, (s + k) * n, (s + k + half) * n, c0, c1, _cos[k * step], sign * _sin[k * step]);
                    }
                }
            }
        });
    }

    private static void Butterfly(float[] re, float[] im, int rowA, int rowB, int c0, int c1, float wr, float wi)
    {
        var ar = re.AsSpan(rowA + c0, c1 - c0);
        var ai = im.AsSpan(rowA + c0, c1 - c0);
        var br = re.AsSpan(rowB + c0, c1 - c0);
        var bi = im.AsSpan(rowB + c0, c1 - c0);
        var c = 0;

        // Main loop: Vector<float>.Count columns at a time.
        var vwr = new Vector<float>(wr);
        var vwi = new Vector<float>(wi);
        for (; c <= ar.Length - Vector<float>.Count; c += Vector<float>.Count)
        {
            var xr = new Vector<float>(br[c..]);
            var xi = new Vector<float>(bi[c..]);
            var tr = (vwr * xr) - (vwi * xi);
            var ti = (vwr * xi) + (vwi * xr);
            var yr = new Vector<float>(ar[c..]);
            var yi = new Vector<float>(ai[c..]);
            (yr - tr).CopyTo(br[c..]);
            (yi - ti).CopyTo(bi[c..]);
            (yr + tr).CopyTo(ar[c..]);
            (yi + ti).CopyTo(ai[c..]);
        }

        // Scalar tail (only when a block is not a multiple of the vector width).
        for (; c < ar.Length; c++)
        {
            var tr = (wr * br[c]) - (wi * bi[c]);
            var ti = (wr * bi[c]) + (wi * br[c]);
            br[c] = ar[c] - tr;
            bi[c] = ai[c] - ti;
            ar[c] += tr;
            ai[c] += ti;
        }
    }

    private void SwapRows(float[] a, int i, int j)
    {
        var x = a.AsSpan(i * Size, Size);
        var y = a.AsSpan(j * Size, Size);
        Span<float> tmp = stackalloc float[Size];
        x.CopyTo(tmp);
        y.CopyTo(x);
        tmp.CopyTo(y);
    }

    private static uint ReverseBits(uint v)
    {
        v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
        v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
        v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
        v = ((v >> 8) & 0x00FF00FFu) | ((v & 0x00FF00FFu) << 8);
        return (v >> 16) | (v << 16);
    }
}
