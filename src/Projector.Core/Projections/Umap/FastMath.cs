using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Projector.Core.Projections.Umap;

/// <summary>
/// x^y for the SGD's d²^b, about 4x faster than <see cref="MathF.Pow"/> and within 1e-6 relative, which is
/// far below the noise of stochastic gradient steps. Pure float arithmetic: the same bytes on every run.
/// </summary>
/// <remarks>
/// 2^(y·log2 x): log2 from the exponent bits plus atanh series of the mantissa reduced to [√½, √2)
/// (2/ln 2 · (t + t³/3 + t⁵/5 + t⁷/7), t = (m − 1)/(m + 1), |t| ≤ 0.172, error ≈ t⁹/9 ≈ 1.5e-8);
/// 2^f for f in [−½, ½] by its Taylor series to degree 6 (error ≈ (f ln 2)⁷/7! ≈ 1e-7).
/// </remarks>
internal static class FastMath
{
    private const float Sqrt2 = 1.41421356f;
    private const float TwoOverLn2 = 2.88539008f;
    private const float Ln2 = 0.693147181f;

    /// <summary>x^y for finite x &gt; 0; results are clamped to the normal float range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Pow(float x, float y) => Exp2(y * Log2(x));

    /// <summary>
    /// <see cref="Pow(float, float)"/> on 8 lanes with the same operations in the same order, so each lane
    /// gives the same bits as the scalar form (no fused multiply-add on either path).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Pow(Vector256<float> x, float y)
    {
        // log2: exponent bits, mantissa in [1, 2) folded to [√½, √2).
        var bits = Vector256.Max(x, Vector256.Create(1e-30f)).AsInt32();
        var exponent = ((bits >>> 23) & Vector256.Create(0xFF)) - Vector256.Create(127);
        var m = ((bits & Vector256.Create(0x007FFFFF)) | Vector256.Create(0x3F800000)).AsSingle();
        var fold = Vector256.GreaterThan(m, Vector256.Create(Sqrt2));
        m = Vector256.ConditionalSelect(fold, m * 0.5f, m);
        exponent -= fold.AsInt32();
        var t = (m - Vector256<float>.One) / (m + Vector256<float>.One);
        var t2 = t * t;
        var series = Vector256<float>.One + (t2 * (Vector256.Create(1f / 3f) + (t2 * (Vector256.Create(1f / 5f) + (t2 * Vector256.Create(1f / 7f))))));
        var log2 = Vector256.ConvertToSingle(exponent) + (Vector256.Create(TwoOverLn2) * t * series);

        // exp2 of y·log2.
        var e = Vector256.Clamp(log2 * y, Vector256.Create(-126f), Vector256.Create(127f));
        var i = Vector256.Round(e);
        var z = (e - i) * Ln2;
        var p = Vector256<float>.One + (z * (Vector256<float>.One + (z * (Vector256.Create(0.5f) + (z * (Vector256.Create(1f / 6f) + (z * (Vector256.Create(1f / 24f) + (z * (Vector256.Create(1f / 120f) + (z * Vector256.Create(1f / 720f))))))))))));
        return p * ((Vector256.ConvertToInt32(i) + Vector256.Create(127)) << 23).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Log2(float x)
    {
        // Subnormal inputs would break the exponent extraction; such distances do not matter anyway.
        var bits = BitConverter.SingleToInt32Bits(Math.Max(x, 1e-30f));
        var exponent = ((bits >> 23) & 0xFF) - 127;
        var m = BitConverter.Int32BitsToSingle((bits & 0x007FFFFF) | 0x3F800000);
        if (m > Sqrt2)
        {
            m *= 0.5f;
            exponent++;
        }

        var t = (m - 1f) / (m + 1f);
        var t2 = t * t;
        return exponent + (TwoOverLn2 * t * (1f + (t2 * ((1f / 3f) + (t2 * ((1f / 5f) + (t2 * (1f / 7f))))))));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Exp2(float y)
    {
        y = Math.Clamp(y, -126f, 127f);
        var i = MathF.Round(y);
        var z = (y - i) * Ln2;

        // Horner form of Σ z^n / n!, n ≤ 6.
        var p = 1f + (z * (1f + (z * (0.5f + (z * ((1f / 6f) + (z * ((1f / 24f) + (z * ((1f / 120f) + (z * (1f / 720f))))))))))));
        return p * BitConverter.Int32BitsToSingle(((int)i + 127) << 23);
    }
}
