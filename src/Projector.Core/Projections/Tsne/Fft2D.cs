using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Projector.Core.Projections.Tsne;

/// <summary>
/// Complex FFT of a P x P grid (P a power of two, or three times one) in split float32 real/imaginary arrays,
/// specialised for the zero-padded convolutions of <see cref="FftRepulsion"/>.
/// </summary>
/// <remarks>
/// Why hand-written rather than MathNet.Numerics' Fourier (measured on MNIST 10k: the first version,
/// whole-grid passes, spent 72 ms per iteration in five 1024² transforms; this one is several times
/// faster): (1) the convolution input is an n x n block (n ≤ P/2) and only an n x n block of the output
/// is read, so the zero padding is never stored or cleared and the row transforms of the zero or
/// unneeded rows are skipped; (2) every 1-D transform runs on a block of <see cref="Vector{T}"/>.Count
/// rows or columns copied into a small contiguous buffer, so one SIMD lane is one signal, all
/// log2 P stages stay in L1/L2, and the grid is streamed through memory once per pass; (3) nothing is
/// allocated per call. Float32 halves the memory traffic; the kernel sums need about 1e-5 relative
/// accuracy, far below the 1e-2 the gradient is allowed (measured in the tests).
/// </remarks>
internal sealed class Fft2D
{
    private static readonly int Lanes = Vector<float>.Count;

    // One work buffer per thread, kept between calls: at a 768-point transform it is 98 KB, which the
    // large-object heap would otherwise zero and collect for every worker of every pass, three passes
    // a transform and several transforms an iteration.
    [ThreadStatic]
    private static float[]? _buffer;

    private readonly float[] _twiddleRe;
    private readonly float[] _twiddleIm;
    private readonly int[] _bitReverse;
    private readonly float[] _combineRe;
    private readonly float[] _combineIm;
    private readonly bool _radix3;
    private readonly int _m;
    private readonly ParallelOptions _parallel;

    public Fft2D(int size, int threads)
    {
        if (!IsSupportedSize(size))
        {
            throw new ArgumentOutOfRangeException(nameof(size), "The FFT size must be a power of two, or three times one.");
        }

        Size = size;
        _parallel = ParallelScheduling.Options(threads);
        _radix3 = size % 3 == 0;
        _m = _radix3 ? size / 3 : size;
        var m = _m;

        // Twiddles e^(−2πi k / len) for every radix-2 stage, stage after stage, so the inner loop reads them in order.
        _twiddleRe = new float[m];
        _twiddleIm = new float[m];
        for (int len = 2, offset = 0; len <= m; offset += len / 2, len <<= 1)
        {
            for (var k = 0; k < len / 2; k++)
            {
                _twiddleRe[offset + k] = (float)Math.Cos(2 * Math.PI * k / len);
                _twiddleIm[offset + k] = (float)-Math.Sin(2 * Math.PI * k / len);
            }
        }

        // The radix-3 pass's twiddles e^(−2πi k / P), k < 2M.
        _combineRe = new float[_radix3 ? 2 * m : 0];
        _combineIm = new float[_combineRe.Length];
        for (var k = 0; k < _combineRe.Length; k++)
        {
            _combineRe[k] = (float)Math.Cos(2 * Math.PI * k / size);
            _combineIm[k] = (float)-Math.Sin(2 * Math.PI * k / size);
        }

        var bits = BitOperations.Log2((uint)m);
        _bitReverse = new int[m];
        for (var i = 0; i < m; i++)
        {
            var r = 0;
            for (var b = 0; b < bits; b++)
            {
                r |= ((i >> b) & 1) << (bits - 1 - b);
            }

            _bitReverse[i] = r;
        }
    }

    /// <summary>Whether <paramref name="size"/> is a transform size: 2^a or 3·2^a (at least 2).</summary>
    public static bool IsSupportedSize(int size) =>
        size >= 2 && (BitOperations.IsPow2(size) || (size % 3 == 0 && BitOperations.IsPow2(size / 3)));

    /// <summary>The smallest supported size at or above <paramref name="needed"/>: the next power of two, or three quarters of it when that suffices.</summary>
    public static int SizeFor(int needed)
    {
        var pow2 = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, needed));
        return pow2 >= 8 && pow2 / 4 * 3 >= needed ? pow2 / 4 * 3 : pow2;
    }

    /// <summary>P.</summary>
    public int Size { get; }

    /// <summary>
    /// Row stride of the P x P spectrum arrays: P plus one cache line, because a power-of-two stride maps
    /// every row of a column block to the same cache sets (measured: 7x slower at P = 1024).
    /// </summary>
    public int Stride => Size + 16;

    /// <summary>Length of a spectrum array.</summary>
    public int Length => Size * Stride;

    /// <summary>This thread's work buffer of 4·P·Lanes floats (contents undefined).</summary>
    private float[] Buffer()
    {
        var length = 4 * Size * Lanes;
        if (_buffer is null || _buffer.Length < length)
        {
            _buffer = new float[length];
        }

        return _buffer;
    }

    /// <summary>
    /// Spectrum (re, im; P x P with row stride <see cref="Stride"/>) of the rows x cols block (row stride <paramref name="stride"/>) zero-padded to P x P.
    /// <paramref name="inIm"/> null means a real input.
    /// </summary>
    public void Forward(float[] inRe, float[]? inIm, int rows, int cols, int stride, float[] re, float[] im)
    {
        var p = Size;
        var blocks = (rows + Lanes - 1) / Lanes;
        Parallel.For(0, blocks, _parallel, Buffer, (block, _, buffer) =>
        {
            var tr = buffer.AsSpan(0, p * Lanes);
            var ti = buffer.AsSpan(p * Lanes, p * Lanes);
            var r0 = block * Lanes;
            var count = Math.Min(Lanes, rows - r0);

            // Gather: lane t holds row r0 + t; positions past cols (and rows past the block) are the zero padding.
            tr.Clear();
            ti.Clear();
            for (var t = 0; t < count; t++)
            {
                var src = (r0 + t) * stride;
                for (var c = 0; c < cols; c++)
                {
                    tr[(c * Lanes) + t] = inRe[src + c];
                    ti[(c * Lanes) + t] = inIm is null ? 0 : inIm[src + c];
                }
            }

            Transform(tr, ti, inverse: false, buffer.AsSpan(2 * p * Lanes, 2 * p * Lanes));
            for (var t = 0; t < count; t++)
            {
                var dst = (r0 + t) * Stride;
                for (var c = 0; c < p; c++)
                {
                    re[dst + c] = tr[(c * Lanes) + t];
                    im[dst + c] = ti[(c * Lanes) + t];
                }
            }

            return buffer;
        }, _ => { });
        Columns(re, im, rows, inverse: false);
    }

    /// <summary>
    /// Unscaled inverse of the spectrum (re, im; overwritten), keeping only the first rows x cols of the
    /// result in <paramref name="outRe"/> / <paramref name="outIm"/> (row stride cols).
    /// </summary>
    public void Inverse(float[] re, float[] im, int rows, int cols, float[] outRe, float[] outIm)
    {
        var p = Size;
        Columns(re, im, p, inverse: true);
        var blocks = (rows + Lanes - 1) / Lanes;
        Parallel.For(0, blocks, _parallel, Buffer, (block, _, buffer) =>
        {
            var tr = buffer.AsSpan(0, p * Lanes);
            var ti = buffer.AsSpan(p * Lanes, p * Lanes);
            var r0 = block * Lanes;
            var count = Math.Min(Lanes, rows - r0);
            tr.Clear();
            ti.Clear();
            for (var t = 0; t < count; t++)
            {
                var src = (r0 + t) * Stride;
                for (var c = 0; c < p; c++)
                {
                    tr[(c * Lanes) + t] = re[src + c];
                    ti[(c * Lanes) + t] = im[src + c];
                }
            }

            Transform(tr, ti, inverse: true, buffer.AsSpan(2 * p * Lanes, 2 * p * Lanes));
            for (var t = 0; t < count; t++)
            {
                var dst = (r0 + t) * cols;
                for (var c = 0; c < cols; c++)
                {
                    outRe[dst + c] = tr[(c * Lanes) + t];
                    outIm[dst + c] = ti[(c * Lanes) + t];
                }
            }

            return buffer;
        }, _ => { });
    }

    /// <summary>Transforms every column of the P x P arrays in place; rows at or after <paramref name="validRows"/> are taken as zero.</summary>
    private void Columns(float[] re, float[] im, int validRows, bool inverse)
    {
        var p = Size;
        Parallel.For(0, p / Lanes, _parallel, Buffer, (block, _, buffer) =>
        {
            var tr = buffer.AsSpan(0, p * Lanes);
            var ti = buffer.AsSpan(p * Lanes, p * Lanes);
            var c0 = block * Lanes;
            for (var r = 0; r < validRows; r++)
            {
                re.AsSpan((r * Stride) + c0, Lanes).CopyTo(tr.Slice(r * Lanes, Lanes));
                im.AsSpan((r * Stride) + c0, Lanes).CopyTo(ti.Slice(r * Lanes, Lanes));
            }

            tr[(validRows * Lanes)..].Clear();
            ti[(validRows * Lanes)..].Clear();
            Transform(tr, ti, inverse, buffer.AsSpan(2 * p * Lanes, 2 * p * Lanes));
            for (var r = 0; r < p; r++)
            {
                tr.Slice(r * Lanes, Lanes).CopyTo(re.AsSpan((r * Stride) + c0, Lanes));
                ti.Slice(r * Lanes, Lanes).CopyTo(im.AsSpan((r * Stride) + c0, Lanes));
            }

            return buffer;
        }, _ => { });
    }

    /// <summary>
    /// The P-point transform of P x Lanes interleaved signals in place. For P = 3M (decimation in time):
    /// the three subsequences x[3j + r] are transformed by <see cref="Radix2"/> in <paramref name="scratch"/>
    /// (2·P·Lanes floats) and combined by one pass of 3-point butterflies. A grid of 3·2^a cells per side
    /// lets the padding follow the layout's extent in steps of 4/3 rather than 2: 768² cells instead of 1024²
    /// for a layout that needs 653.
    /// </summary>
    private void Transform(Span<float> re, Span<float> im, bool inverse, Span<float> scratch)
    {
        if (!_radix3)
        {
            Radix2(re, im, inverse);
            return;
        }

        var m = _m;
        var block = m * Lanes;
        var sr = scratch[..(3 * block)];
        var si = scratch.Slice(3 * block, 3 * block);
        for (var j = 0; j < m; j++)
        {
            for (var r = 0; r < 3; r++)
            {
                re.Slice(((3 * j) + r) * Lanes, Lanes).CopyTo(sr.Slice((r * block) + (j * Lanes), Lanes));
                im.Slice(((3 * j) + r) * Lanes, Lanes).CopyTo(si.Slice((r * block) + (j * Lanes), Lanes));
            }
        }

        for (var r = 0; r < 3; r++)
        {
            Radix2(sr.Slice(r * block, block), si.Slice(r * block, block), inverse);
        }

        // X[k + qM] = Σ_r e^(∓2πi r q / 3) · (W^(rk) Y_r[k]); the 3-point DFT written out with s = t1 + t2, d = t1 − t2.
        var sign = inverse ? -1f : 1f;
        var half = new Vector<float>(0.5f);
        var root = new Vector<float>(sign * MathF.Sqrt(3) / 2);
        for (var k = 0; k < m; k++)
        {
            var at = k * Lanes;
            var y0r = new Vector<float>(sr.Slice(at, Lanes));
            var y0i = new Vector<float>(si.Slice(at, Lanes));
            var (t1r, t1i) = Rotate(sr.Slice(block + at, Lanes), si.Slice(block + at, Lanes), _combineRe[k], sign * _combineIm[k]);
            var (t2r, t2i) = Rotate(sr.Slice((2 * block) + at, Lanes), si.Slice((2 * block) + at, Lanes), _combineRe[2 * k], sign * _combineIm[2 * k]);
            var (sumR, sumI) = (t1r + t2r, t1i + t2i);
            var (difR, difI) = (t1r - t2r, t1i - t2i);
            var (mr, mi) = (y0r - (half * sumR), y0i - (half * sumI));
            (y0r + sumR).CopyTo(re.Slice(at, Lanes));
            (y0i + sumI).CopyTo(im.Slice(at, Lanes));
            (mr + (root * difI)).CopyTo(re.Slice(block + at, Lanes));
            (mi - (root * difR)).CopyTo(im.Slice(block + at, Lanes));
            (mr - (root * difI)).CopyTo(re.Slice((2 * block) + at, Lanes));
            (mi + (root * difR)).CopyTo(im.Slice((2 * block) + at, Lanes));
        }
    }

    /// <summary>(re + i·im) · (wr + i·wi) on one vector of lanes.</summary>
    private static (Vector<float> Re, Vector<float> Im) Rotate(Span<float> re, Span<float> im, float wr, float wi)
    {
        var xr = new Vector<float>(re);
        var xi = new Vector<float>(im);
        return ((xr * wr) - (xi * wi), (xr * wi) + (xi * wr));
    }

    /// <summary>
    /// Iterative Cooley-Tukey on M x Lanes interleaved signals (element i of lane t at i * Lanes + t),
    /// M = <see cref="_m"/> a power of two: bit-reversal permutation, then log2 M butterfly stages, one
    /// vector per butterfly leg.
    /// </summary>
    private void Radix2(Span<float> re, Span<float> im, bool inverse)
    {
        var p = _m;
        for (var i = 0; i < p; i++)
        {
            var j = _bitReverse[i];
            if (j > i)
            {
                SwapLanes(re, i, j);
                SwapLanes(im, i, j);
            }
        }

        ref var r = ref MemoryMarshal.GetReference(re);
        ref var m = ref MemoryMarshal.GetReference(im);
        var sign = inverse ? -1f : 1f;

        // Stages are fused in pairs (radix 2²): each pass over the buffer does two stages, halving the
        // passes, which matters once P x Lanes no longer fits in L1 (P = 1024: 64 KB). With an odd number
        // of stages the first (len 2, twiddle 1) runs alone.
        var len = 2;
        var offset = 0;
        if ((BitOperations.Log2((uint)p) & 1) == 1)
        {
            for (var s = 0; s < p; s += 2)
            {
                Butterfly(ref r, ref m, (nuint)(s * Lanes), (nuint)((s + 1) * Lanes), Vector<float>.One, Vector<float>.Zero);
            }

            offset += 1;
            len = 4;
        }

        for (; len * 2 <= p; offset += (len / 2) + len, len <<= 2)
        {
            // Stage A: half h = len/2 (twiddles at offset); stage B: half 2h (twiddles at offset + h).
            var h = len >> 1;
            for (var k = 0; k < h; k++)
            {
                var war = new Vector<float>(_twiddleRe[offset + k]);
                var wai = new Vector<float>(sign * _twiddleIm[offset + k]);
                var wb0r = new Vector<float>(_twiddleRe[offset + h + k]);
                var wb0i = new Vector<float>(sign * _twiddleIm[offset + h + k]);
                var wb1r = new Vector<float>(_twiddleRe[offset + h + k + h]);
                var wb1i = new Vector<float>(sign * _twiddleIm[offset + h + k + h]);
                for (var s = k; s < p; s += 4 * h)
                {
                    var e0 = (nuint)(s * Lanes);
                    var e1 = (nuint)((s + h) * Lanes);
                    var e2 = (nuint)((s + (2 * h)) * Lanes);
                    var e3 = (nuint)((s + (3 * h)) * Lanes);
                    Butterfly(ref r, ref m, e0, e1, war, wai);
                    Butterfly(ref r, ref m, e2, e3, war, wai);
                    Butterfly(ref r, ref m, e0, e2, wb0r, wb0i);
                    Butterfly(ref r, ref m, e1, e3, wb1r, wb1i);
                }
            }
        }
    }

    /// <summary>(a, b) ← (a + w·b, a − w·b) on one vector of lanes; the loads and stores stay in L1 between the four calls of a radix-2² step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Butterfly(ref float r, ref float m, nuint a, nuint b, Vector<float> wr, Vector<float> wi)
    {
        var xr = Vector.LoadUnsafe(ref r, b);
        var xi = Vector.LoadUnsafe(ref m, b);
        var tr = (wr * xr) - (wi * xi);
        var ti = (wr * xi) + (wi * xr);
        var yr = Vector.LoadUnsafe(ref r, a);
        var yi = Vector.LoadUnsafe(ref m, a);
        (yr - tr).StoreUnsafe(ref r, b);
        (yi - ti).StoreUnsafe(ref m, b);
        (yr + tr).StoreUnsafe(ref r, a);
        (yi + ti).StoreUnsafe(ref m, a);
    }

    private static void SwapLanes(Span<float> a, int i, int j)
    {
        var x = a.Slice(i * Lanes, Lanes);
        var y = a.Slice(j * Lanes, Lanes);
        var t = new Vector<float>(x);
        new Vector<float>(y).CopyTo(x);
        t.CopyTo(y);
    }
}
