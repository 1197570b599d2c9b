namespace Projector.Core.Neighbors;

/// <summary>
/// NN-descent's per-point candidate lists for one round: each keeps the m candidates of smallest sampling
/// priority (ties by index), filled concurrently and then compacted to sorted index lists.
/// </summary>
/// <remarks>
/// A candidate's priority is a hash of (seed, round, pair), so it is recomputed when the heap compares it
/// rather than stored: the lists then hold only indices, half the memory (1.2 GB less per list at 10M
/// points and m = 30). Recomputing costs a few hashes per insertion, small next to the local join's
/// distances. An index and its priority can no longer be read torn by a concurrent push either.
/// </remarks>
internal sealed class CandidateLists
{
    private readonly int _m;
    private readonly int _seed;
    private readonly int[] _idx;
    private readonly int[] _count;
    private int _round;

    public CandidateLists(int n, int m, int seed)
    {
        _m = m;
        _seed = seed;
        _idx = new int[(long)n * m];
        _count = new int[n];
    }

    /// <summary>The sampling priority of candidate j in point i's list in round <paramref name="round"/> (symmetric in i and j).</summary>
    public static float Priority(int seed, int round, int i, int j) => NNDescentIndex.Hash(seed, round, Math.Min(i, j), Math.Max(i, j));

    /// <summary>Empties every list for round <paramref name="round"/> (reused across rounds: one allocation instead of one per round).</summary>
    public void Clear(int round, ParallelOptions parallel)
    {
        _round = round;
        Parallel.For(0, (_count.Length + 4095) / 4096, parallel, c =>
        {
            var start = (long)c * 4096 * _m;
            var length = (int)(Math.Min(_idx.LongLength, start + (4096L * _m)) - start);
            _idx.AsSpan((int)start, length).Fill(int.MaxValue);
        });
    }

    /// <summary>Offers candidate j to point i with priority pr (<see cref="Priority"/> of this round); duplicates are ignored.</summary>
    public void Offer(int i, int j, float pr, Lock[] locks)
    {
        var o = i * _m;
        var root = Volatile.Read(ref _idx[o]);
        if (!MaxHeap.Before(pr, j, Key(i, root), root))
        {
            return;
        }

        lock (locks[i & (locks.Length - 1)])
        {
            var idx = _idx.AsSpan(o, _m);
            if (MaxHeap.Before(pr, j, Key(i, idx[0]), idx[0]) && !idx.Contains(j))
            {
                SiftDown(i, idx, pr, j);
            }
        }
    }

    /// <summary>Moves each list's real entries to its front, sorted by index, so reads do not depend on push order.</summary>
    public void Compact(ParallelOptions parallel)
    {
        Parallel.For(0, _count.Length, parallel, i =>
        {
            var idx = _idx.AsSpan(i * _m, _m);
            idx.Sort();
            var c = idx.IndexOf(int.MaxValue);
            _count[i] = c < 0 ? _m : c;
        });
    }

    /// <summary>Most candidates a row holds.</summary>
    public int Capacity => _m;

    /// <summary>The candidates of point i, ascending (after <see cref="Compact"/>).</summary>
    public ReadOnlySpan<int> Row(int i) => _idx.AsSpan(i * _m, _count[i]);

    /// <summary>The priority of entry j of list i; an empty slot (int.MaxValue) is +∞, behind every candidate.</summary>
    private float Key(int i, int j) => j == int.MaxValue ? float.PositiveInfinity : Priority(_seed, _round, i, j);

    /// <summary>As <see cref="MaxHeap.SiftDown(Span{float}, Span{int}, float, int)"/>, with priorities recomputed.</summary>
    private void SiftDown(int i, Span<int> idx, float d, int j)
    {
        var n = idx.Length;
        var pos = 0;
        while (true)
        {
            var child = (2 * pos) + 1;
            if (child >= n)
            {
                break;
            }

            var key = Key(i, idx[child]);
            if (child + 1 < n)
            {
                var right = Key(i, idx[child + 1]);
                if (MaxHeap.Before(key, idx[child], right, idx[child + 1]))
                {
                    child++;
                    key = right;
                }
            }

            if (!MaxHeap.Before(d, j, key, idx[child]))
            {
                break;
            }

            idx[pos] = idx[child];
            pos = child;
        }

        idx[pos] = j;
    }
}
