using Projector.Core.Projections.Tsne;

namespace Projector.Core.Tests.Projections.Tsne;

public sealed class KeyRadixSortTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(5000, 3)]
    [InlineData(5000, 64)]
    public void Keys_come_out_ascending_with_ties_in_input_order(int count, int distinctTopBits)
    {
        // Given keys spread over every digit, many of them equal, and a few that differ only in the top bits
        var rng = new Random(count + distinctTopBits);
        var pool = Enumerable.Range(0, Math.Max(1, count / 4))
            .Select(_ => ((ulong)rng.NextInt64() << 1) ^ (ulong)rng.Next(2))
            .Select(k => distinctTopBits < 64 ? k >> (64 - distinctTopBits) << (64 - distinctTopBits) : k)
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
