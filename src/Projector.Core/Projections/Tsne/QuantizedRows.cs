namespace Projector.Core.Projections.Tsne;

/// <summary>
/// P's values as 16-bit integers, each row's scaled to its largest value: p_e ≈ q_e · scale_i with
/// scale_i = max_e p_e / 65535. t-SNE's attraction reads P this way.
/// </summary>
/// <remarks>
/// The attraction streams P once per iteration: with float32 values and int32 columns, 8 bytes an entry,
/// over a GB at a million points. Measured on this machine kind (1M rows of 130 entries, the 2-D gather
/// loop on 2 cores): 132–143 ms a pass with float32 values, 94–112 ms with 16-bit values, 92 ms reading no
/// values at all, so the loop waits on memory, not on arithmetic. bfloat16 (8 significant bits, a relative
/// error up to 0.4 % on every entry) moved MNIST's kNN preservation by 0.001; a row's own scale keeps
/// the error under max_e p_e / 131070 on every entry, 2^-17 of the entries that carry the row. The scale
/// multiplies a row's sums, not its entries, so decoding costs one conversion per eight entries.
/// </remarks>
internal static class QuantizedRows
{
    /// <summary>The largest quantized value.</summary>
    public const float Levels = 65535f;

    /// <summary>Quantizes one row's <paramref name="values"/> into <paramref name="weights"/>; returns the row's scale.</summary>
    public static float EncodeRow(ReadOnlySpan<float> values, Span<ushort> weights)
    {
        var max = 0f;
        foreach (var v in values)
        {
            max = Math.Max(max, v);
        }

        var scale = max / Levels;
        for (var e = 0; e < values.Length; e++)
        {
            weights[e] = scale > 0 ? (ushort)Math.Clamp(MathF.Round(values[e] / scale), 0f, Levels) : (ushort)0;
        }

        return scale;
    }

    /// <summary>The value a quantized <paramref name="weight"/> of a row with <paramref name="scale"/> stands for, in double.</summary>
    public static double Decode(ushort weight, float scale) => (double)weight * scale;
}
