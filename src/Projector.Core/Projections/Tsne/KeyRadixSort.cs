namespace Projector.Core.Projections.Tsne;

/// <summary>
/// Stable least-significant-digit radix sort of 64-bit keys carrying an int each (11-bit digits).
/// </summary>
/// <remarks>
/// Hand-written because the Barnes-Hut tree sorts its Morton codes on every t-SNE iteration, and
/// <c>Array.Sort(keys, items)</c> (introsort) took 1.2 ms of a 4.2 ms repulsion call on 10,000
/// points, plus a pass to put tied codes back in index order. A stable radix sort needs no such pass,
/// skips the digits every key shares (the top bits of a small layout), and reads the keys in six
/// sequential passes instead of log N random ones.
/// </remarks>
internal static class KeyRadixSort
{
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const int Digits = (64 + DigitBits - 1) / DigitBits;

    /// <summary>Scratch space a sort needs for <paramref name="count"/> keys; reuse it between sorts.</summary>
    internal sealed class Scratch(int count)
    {
        public ulong[] Keys { get; } = new ulong[count];

        public int[] Items { get; } = new int[count];

        public int[] Histogram { get; } = new int[Digits * Buckets];
    }

    /// <summary>
    /// Sorts the first <paramref name="count"/> keys ascending, moving each key's item with it; equal
    /// keys keep their input order.
    /// </summary>
    public static void Sort(ulong[] keys, int[] items, int count, Scratch scratch)
    {
        var histogram = scratch.Histogram;
        Array.Clear(histogram);
        for (var i = 0; i < count; i++)
        {
            var key = keys[i];
            for (var d = 0; d < Digits; d++)
            {
                histogram[(d * Buckets) + (int)((key >> (d * DigitBits)) & (Buckets - 1))]++;
            }
        }

        var (srcKeys, srcItems, dstKeys, dstItems) = (keys, items, scratch.Keys, scratch.Items);
        for (var d = 0; d < Digits; d++)
        {
            var counts = histogram.AsSpan(d * Buckets, Buckets);
            if (counts.Contains(count))
            {
                continue; // every key has the same digit here
            }

            var offset = 0;
            for (var b = 0; b < Buckets; b++)
            {
                (counts[b], offset) = (offset, offset + counts[b]);
            }

            var shift = d * DigitBits;
            for (var i = 0; i < count; i++)
            {
                var key = srcKeys[i];
                var at = counts[(int)((key >> shift) & (Buckets - 1))]++;
                dstKeys[at] = key;
                dstItems[at] = srcItems[i];
            }

            (srcKeys, srcItems, dstKeys, dstItems) = (dstKeys, dstItems, srcKeys, srcItems);
        }

        if (srcKeys != keys)
        {
            Array.Copy(srcKeys, keys, count);
            Array.Copy(srcItems, items, count);
        }
    }
}
