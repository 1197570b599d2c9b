using Projector.Core.Projections.Tsne;

namespace Projector.Core.Tests.Projections.Tsne;

public sealed class KeyRadixSortTests
{
    [Theory]
    [InlineData(0, 64, 0)]
    [InlineData(1, 2, 0)]
    [InlineData(5000, 3, 0)]
    [InlineData(5000, 64, 0)]
    [InlineData(5000, 0, 40)]
    [InlineData(5000, 0, 12)]
    [InlineData(5000, 20, 6)]
    public void Keys_come_out_ascending_with_ties_in_input_order(int count, int topBits, int lowBits)
    {
        // Given keys, many of them equal, that differ only in their top bits, their low bits (long runs
        // equal in the top digits), or both
        var rng = new Random(count + topBits + lowBits);
        var top = topBits == 0 ? 0 : ulong.MaxValue << (64 - topBits);
        var low = lowBits == 0 ? 0 : (1UL << lowBits) - 1;
        var pool = Enumerable.Range(0, Math.Max(1, count / 4))
            .Select(_ => (((ulong)rng.NextInt64() << 1) ^ (ulong)rng.Next(2)) & (top | low))
            .ToArray();
        var keys = Enumerable.Range(0, count).Select(_ => pool[rng.Next(pool.Length)]).ToArray();
        var items = Enumerable.Range(0, count).Select(i => (i * 7919) % Math.Max(1, count)).ToArray();
        var expected = keys.Zip(items).Select((pair, at) => (pair.First, pair.Second, at))
            .OrderBy(e => e.First).ThenBy(e => e.at).ToArray();

        // When they are radix sorted with their items, past the end of the arrays untouched
        var paddedKeys = keys.Append(0UL).ToArray();
        var paddedItems = items.Append(-1).ToArray();
        KeyRadixSort.Sort(paddedKeys, paddedItems, count, new KeyRadixSort.Scratch(count));

        // Then the order is the stable one
        Assert.Equal(expected.Select(e => e.First), paddedKeys.Take(count));
        Assert.Equal(expected.Select(e => e.Second), paddedItems.Take(count));
        Assert.Equal(-1, paddedItems[count]);
    }
}
