namespace Projector.Core.Neighbors;

/// <summary>
/// NN-descent's per-point candidate lists for one round: each keeps the m candidates of smallest sampling
/// priority (ties by index), sorted by index. A row is filled whole by the one thread that owns it.
/// </summary>
/// <remarks>
/// A candidate's priority is a hash of (seed, round, pair), computed once per candidate while its row is
/// filled and never stored: the lists hold only indices (1.2 GB less per list at 10M points and m = 30).
/// Rows used to be filled by offers from every entry that names them, under striped locks, with the
/// priorities recomputed at each heap comparison; at 1M points that was 5–6 s of every round whatever
/// the round changed. Filling from a row's own entries and its reverse entries needs no lock, and the
/// kept set ("the m smallest distinct (priority, index) pairs") is the same whatever order they come in.
/// </remarks>
internal sealed class CandidateLists
{
    private readonly int _m;
    private readonly int _seed;
    private readonly int[] _idx;
    private readonly int[] _count;

    public CandidateLists(int n, int m, int seed)
    {
        _m = m;
        _seed = seed;
        _idx = new int[(long)n * m];
        _count = new int[n];
    }

    /// <summary>The sampling priority of candidate j in point i's list in round <paramref name="round"/> (symmetric in i and j).</summary>
    public static float Priority(int seed, int round, int i, int j) => NNDescentIndex.Hash(seed, round, Math.Min(i, j), Math.Max(i, j));

    /// <summary>Most candidates a row holds.</summary>
    public int Capacity => _m;

    /// <summary>The candidates of point i, ascending.</summary>
    public ReadOnlySpan<int> Row(int i) => _idx.AsSpan(i * _m, _count[i]);

    /// <summary>Empties row i.</summary>
    public void Empty(int i) => _count[i] = 0;

    /// <summary>
    /// Fills row i with the at most m distinct <paramref name="candidates"/> (repeats allowed) of smallest
    /// round-<paramref name="round"/> priority, ties by index, sorted by index. <paramref name="keys"/> and
    /// <paramref name="heap"/> are scratch of at least m entries; <paramref name="candidates"/> is reordered.
    /// </summary>
    public void Fill(int i, int round, Span<int> candidates, Span<float> keys, Span<int> heap)
    {
        var row = _idx.AsSpan(i * _m, _m);
        int count;
        if (candidates.Length <= _m)
        {
            // Every distinct candidate fits: no priorities needed.
            candidates.Sort();
            count = 0;
            for (var c = 0; c < candidates.Length; c++)
            {
                if (c == 0 || candidates[c] != candidates[c - 1])
                {
                    row[count++] = candidates[c];
                }
            }
        }
        else
        {
            var k = keys[.._m];
            var h = heap[.._m];
            MaxHeap.Clear(k, h);
            foreach (var j in candidates)
            {
                var pr = Priority(_seed, round, i, j);
                if (MaxHeap.Before(pr, j, k[0], h[0]) && !h.Contains(j))
                {
                    MaxHeap.SiftDown(k, h, pr, j);
                }
            }

            h.Sort();
            count = h.IndexOf(int.MaxValue);
            count = count < 0 ? _m : count;
            h[..count].CopyTo(row);
        }

        _count[i] = count;
    }
}
