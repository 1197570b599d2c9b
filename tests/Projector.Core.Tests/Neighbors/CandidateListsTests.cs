using Projector.Core.Neighbors;

namespace Projector.Core.Tests.Neighbors;

public sealed class CandidateListsTests
{
    [Fact]
    public void Each_list_keeps_the_candidates_of_smallest_priority_whatever_the_offer_order()
    {
        // Given 300 candidates offered to point 5 in two orders, with repeats, into lists of 30
        const int m = 30;
        const int seed = 9;
        const int round = 4;
        var candidates = Enumerable.Range(0, 300).Where(j => j != 5).ToArray();
        Lock[] locks = [new()];
        var forward = new CandidateLists(10, m, seed);
        var backward = new CandidateLists(10, m, seed);
        var parallel = new ParallelOptions();
        forward.Clear(round, parallel);
        backward.Clear(round, parallel);

        // When
        foreach (var j in candidates.Concat(candidates))
        {
            forward.Offer(5, j, CandidateLists.Priority(seed, round, 5, j), locks);
        }

        foreach (var j in candidates.Reverse())
        {
            backward.Offer(5, j, CandidateLists.Priority(seed, round, 5, j), locks);
        }

        forward.Compact(parallel);
        backward.Compact(parallel);

        // Then
        var expected = candidates.OrderBy(j => CandidateLists.Priority(seed, round, 5, j)).ThenBy(j => j).Take(m).Order().ToArray();
        Assert.Equal(expected, forward.Row(5).ToArray());
        Assert.Equal(expected, backward.Row(5).ToArray());
        Assert.Equal(0, forward.Row(4).Length);
        Assert.Equal(CandidateLists.Priority(seed, round, 5, 77), CandidateLists.Priority(seed, round, 77, 5));
    }
}
