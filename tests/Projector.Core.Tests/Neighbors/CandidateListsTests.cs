using Projector.Core.Neighbors;

namespace Projector.Core.Tests.Neighbors;

public sealed class CandidateListsTests
{
    [Fact]
    public void Each_list_keeps_the_candidates_of_smallest_priority_whatever_their_order()
    {
        // Given 299 candidates of point 5, with repeats, in two orders, for lists of 30
        const int m = 30;
        const int seed = 9;
        const int round = 4;
        var candidates = Enumerable.Range(0, 300).Where(j => j != 5).ToArray();
        var lists = new CandidateLists(10, m, seed);
        var keys = new float[m];
        var heap = new int[m];

        // When
        lists.Fill(5, round, candidates.Concat(candidates).ToArray(), keys, heap);
        var forward = lists.Row(5).ToArray();
        lists.Fill(5, round, candidates.Reverse().ToArray(), keys, heap);
        var backward = lists.Row(5).ToArray();

        // Then
        var expected = candidates.OrderBy(j => CandidateLists.Priority(seed, round, 5, j)).ThenBy(j => j).Take(m).Order().ToArray();
        Assert.Equal(expected, forward);
        Assert.Equal(expected, backward);
        Assert.Equal(0, lists.Row(4).Length);
        Assert.Equal(CandidateLists.Priority(seed, round, 5, 77), CandidateLists.Priority(seed, round, 77, 5));
    }

    [Fact]
    public void A_list_of_few_candidates_keeps_each_once_in_order()
    {
        // Given 12 candidates naming 7 distinct points, for lists of 30
        var lists = new CandidateLists(10, 30, seed: 1);

        // When
        lists.Fill(3, 0, new[] { 9, 2, 9, 40, 2, 17, 6, 6, 88, 40, 1, 9 }, new float[30], new int[30]);

        // Then
        Assert.Equal(new[] { 1, 2, 6, 9, 17, 40, 88 }, lists.Row(3).ToArray());
        lists.Empty(3);
        Assert.Equal(0, lists.Row(3).Length);
    }
}
