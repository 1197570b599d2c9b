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

    /// <summary>Quantizes each row of (<paramref name="rowStart"/>, <paramref name="values"/>) into <paramref name="weights"/> and <paramref name="scales"/>.</summary>
    public static void Encode(ReadOnlySpan<int> rowStart, ReadOnlySpan<float> values, Span<ushort> weights, Span<float> scales)
    {
        for (var i = 0; i + 1 < rowStart.Length; i++)
        {
            var row = values[rowStart[i]..rowStart[i + 1]];
            var max = 0f;
            foreach (var v in row)
            {
                max = Math.Max(max, v);
            }

            var scale = max / Levels;
            scales[i] = scale;
            var target = weights[rowStart[i]..rowStart[i + 1]];
            for (var e = 0; e < row.Length; e++)
            {
                target[e] = scale > 0 ? (ushort)Math.Clamp(MathF.Round(row[e] / scale), 0f, Levels) : (ushort)0;
            }
        }
    }

    /// <summary>The value entry e of row i stands for, in double.</summary>
    public static double Decode(ushort weight, float scale) => (double)weight * scale;
}
