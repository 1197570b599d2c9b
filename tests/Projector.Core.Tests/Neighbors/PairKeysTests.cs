using Projector.Core.Neighbors;

namespace Projector.Core.Tests.Neighbors;

public sealed class PairKeysTests
{
    [Theory]
    [InlineData(Metric.Euclidean, 50, true)]
    [InlineData(Metric.Euclidean, 50, false)]
    [InlineData(Metric.Cosine, 50, true)]
    [InlineData(Metric.Cosine, 7, false)]
    [InlineData(Metric.Euclidean, 1, true)]
    public void Block_keys_equal_the_single_pair_key_bit_for_bit_and_are_symmetric(Metric metric, int dims, bool wide)
    {
        // Given 121 rows packed as one block (more than four blocks of either width, with a ragged end)
        using var data = NeighborTestData.Mixture(300, dims, 4, 2, seed: 5);
        var rows = new PreparedRows(data, metric);
        var columns = Enumerable.Range(0, 121).Select(c => (c * 37) % 300).ToArray();
        var stride = PairKeys.Stride(columns.Length);
        var packed = new float[dims * stride];
        PairKeys.Pack(rows, columns, packed, stride);
        var keys = new float[stride];
        for (var c = 0; c < columns.Length; c++)
        {
            for (var t = 0; t < dims; t++)
            {
                Assert.Equal(rows.Row(columns[c])[t], packed[(t * stride) + c]);
            }
        }

        foreach (var (row, from) in new[] { (columns[0], 1), (columns[17], 18), (columns[64], 65), (299, 0), (columns[119], 120) })
        {
            // When the block is keyed from an arbitrary first column
            PairKeys.Keys(rows, row, packed, stride, from, columns.Length, keys, wide);

            // Then every key in range is the single-pair key, both ways round, and near the true distance
            for (var c = from; c < columns.Length; c++)
            {
                var single = Key(rows.Row(row), rows.Row(columns[c]), metric);
                Assert.Equal(BitConverter.SingleToInt32Bits(single), BitConverter.SingleToInt32Bits(keys[c]));
                Assert.Equal(BitConverter.SingleToInt32Bits(single), BitConverter.SingleToInt32Bits(Key(rows.Row(columns[c]), rows.Row(row), metric)));
                var truth = NeighborTestData.Distance(data.Row(row), data.Row(columns[c]), metric);
                var expected = metric == Metric.Euclidean ? truth * truth : truth;
                Assert.Equal(expected, keys[c], Math.Max(1e-4, expected * 1e-5));
            }
        }
    }

    [Theory]
    [InlineData(Metric.Euclidean, 50, 60)]
    [InlineData(Metric.Euclidean, 3, 5)]
    [InlineData(Metric.Cosine, 50, 17)]
    [InlineData(Metric.Cosine, 7, 33)]
    public void Four_rows_at_once_give_the_single_pair_keys_bit_for_bit(Metric metric, int dims, int packedColumns)
    {
        // Given a few packed columns (ragged against the block width) and four rows to key against them
        using var data = NeighborTestData.Mixture(300, dims, 4, 2, seed: 9);
        var rows = new PreparedRows(data, metric);
        var columns = Enumerable.Range(0, packedColumns).Select(c => (c * 53) % 300).ToArray();
        var stride = PairKeys.Stride(columns.Length);
        var packed = new float[dims * stride];
        PairKeys.Pack(rows, columns, packed, stride);
        int[] four = [299, columns[0], 7, 150];
        var keys = new float[4 * stride];

        // When the four rows are keyed side by side
        PairKeys.Keys4(rows, four, packed, stride, columns.Length, keys);

        // Then row r's keys are the single-pair keys of that row, bit for bit
        for (var r = 0; r < 4; r++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                var single = Key(rows.Row(four[r]), rows.Row(columns[c]), metric);
                Assert.Equal(BitConverter.SingleToInt32Bits(single), BitConverter.SingleToInt32Bits(keys[(r * stride) + c]));
            }
        }
    }

    /// <summary>The key of one pair of prepared rows as every block must compute it: one fused multiply-add per dimension, in order.</summary>
    private static float Key(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Metric metric)
    {
        var acc = 0f;
        for (var t = 0; t < a.Length; t++)
        {
            acc = metric == Metric.Euclidean
                ? MathF.FusedMultiplyAdd(a[t] - b[t], a[t] - b[t], acc)
                : MathF.FusedMultiplyAdd(a[t], b[t], acc);
        }

        return metric == Metric.Euclidean ? acc : 1f - acc;
    }
}
