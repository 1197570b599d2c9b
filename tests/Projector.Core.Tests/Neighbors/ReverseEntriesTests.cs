using Projector.Core.Neighbors;

namespace Projector.Core.Tests.Neighbors;

public sealed class ReverseEntriesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void Each_row_lists_the_entries_naming_it_in_ascending_order_whatever_the_parts(int threads)
    {
        // Given 500 rows of 6 seeded random neighbours each
        const int n = 500;
        const int k = 6;
        var rng = new Random(3);
        var idx = new int[n * k];
        for (var s = 0; s < idx.Length; s++)
        {
            idx[s] = rng.Next(n);
        }

        // When
        var reverse = new ReverseEntries(n, idx.Length);
        reverse.Build(idx, new ParallelOptions { MaxDegreeOfParallelism = threads });

        // Then
        for (var j = 0; j < n; j++)
        {
            var expected = Enumerable.Range(0, idx.Length).Where(s => idx[s] == j).ToArray();
            Assert.Equal(expected, reverse.Of(j).ToArray());
        }
    }
}
