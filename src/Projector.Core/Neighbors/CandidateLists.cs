namespace Projector.Core.Neighbors;

/// <summary>
/// NN-descent's per-point candidate lists for one round: each keeps the m candidates of smallest sampling
/// priority (ties by index), filled concurrently and then compacted to sorted index lists.
/// </summary>
internal sealed class CandidateLists
{
    private readonly int _m;
    private readonly float[] _priority;
    private readonly int[] _idx;
    private readonly int[] _count;

    public CandidateLists(int n, int m)
    {
        _m = m;
        _priority = new float[(long)n * m];
        _idx = new int[(long)n * m];
        _count = new int[n];
    }

    /// <summary>Empties every list (reused across rounds: one allocation instead of one per round).</summary>
    public void Clear(ParallelOptions parallel)
    {
        Parallel.For(0, (_count.Length + 4095) / 4096, parallel, c =>
        {
            var start = (long)c * 4096 * _m;
            var length = (int)(Math.Min(_priority.LongLength, start + (4096L * _m)) - start);
            _priority.AsSpan((int)start, length).Fill(float.PositiveInfinity);
            _idx.AsSpan((int)start, length).Fill(int.MaxValue);
        });
    }

    /// <summary>Offers candidate j to point i with priority pr; duplicates are ignored.</summary>
    public void Offer(int i, int j, float pr, Lock[] locks)
    {
        var o = i * _m;
        if (!MaxHeap.Before(pr, j, Volatile.Read(ref _priority[o]), Volatile.Read(ref _idx[o])))
        {
            return;
        }

        lock (locks[i & (locks.Length - 1)])
        {
            var p = _priority.AsSpan(o, _m);
            var idx = _idx.AsSpan(o, _m);
            if (MaxHeap.Before(pr, j, p[0], idx[0]) && !idx.Contains(j))
            {
                MaxHeap.SiftDown(p, idx, pr, j);
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

    /// <summary>The candidates of point i, ascending (after <see cref="Compact"/>).</summary>
    public ReadOnlySpan<int> Row(int i) => _idx.AsSpan(i * _m, _count[i]);
}
