namespace Projector.Core.Neighbors;

/// <summary>
/// A bounded max-heap of (distance, index) pairs kept in two caller-owned spans, so that thousands of
/// per-row heaps live in flat arrays without allocation. The order is total: by distance, then by
/// index, which is what makes "the k smallest" independent of the order candidates arrive in.
/// </summary>
internal static class MaxHeap
{
    /// <summary>Fills a heap with sentinels (+∞, int.MaxValue) that any real candidate displaces.</summary>
    public static void Clear(Span<float> dist, Span<int> idx)
    {
        dist.Fill(float.PositiveInfinity);
        idx.Fill(int.MaxValue);
    }

    /// <summary>(d, i) sorts before (e, j): smaller distance, or equal distance and lower index.</summary>
    public static bool Before(float d, int i, float e, int j) => d < e || (d == e && i < j);

    /// <summary>
    /// Replaces the root (the worst kept pair) with (d, i) when (d, i) sorts before it. Returns whether
    /// it was kept. The caller checks duplicates when the same index can arrive twice.
    /// </summary>
    public static bool TryPush(Span<float> dist, Span<int> idx, float d, int i)
    {
        if (!Before(d, i, dist[0], idx[0]))
        {
            return false;
        }

        SiftDown(dist, idx, d, i);
        return true;
    }

    /// <summary>Puts (d, i) at the root and sifts it down; the old root is dropped.</summary>
    public static void SiftDown(Span<float> dist, Span<int> idx, float d, int i)
    {
        var n = dist.Length;
        var pos = 0;
        while (true)
        {
            var child = (2 * pos) + 1;
            if (child >= n)
            {
                break;
            }

            // Pick the larger child under the (distance, index) order.
            if (child + 1 < n && Before(dist[child], idx[child], dist[child + 1], idx[child + 1]))
            {
                child++;
            }

            if (!Before(d, i, dist[child], idx[child]))
            {
                break;
            }

            dist[pos] = dist[child];
            idx[pos] = idx[child];
            pos = child;
        }

        dist[pos] = d;
        idx[pos] = i;
    }

    /// <summary>As <see cref="SiftDown(Span{float}, Span{int}, float, int)"/>, moving a per-entry flag along.</summary>
    public static void SiftDown(Span<float> dist, Span<int> idx, Span<byte> flags, float d, int i, byte flag)
    {
        var n = dist.Length;
        var pos = 0;
        while (true)
        {
            var child = (2 * pos) + 1;
            if (child >= n)
            {
                break;
            }

            if (child + 1 < n && Before(dist[child], idx[child], dist[child + 1], idx[child + 1]))
            {
                child++;
            }

            if (!Before(d, i, dist[child], idx[child]))
            {
                break;
            }

            dist[pos] = dist[child];
            idx[pos] = idx[child];
            flags[pos] = flags[child];
            pos = child;
        }

        dist[pos] = d;
        idx[pos] = i;
        flags[pos] = flag;
    }

    /// <summary>Sorts a heap's pairs ascending by (distance, index), in place.</summary>
    public static void SortAscending(Span<float> dist, Span<int> idx)
    {
        // Heapsort: repeatedly move the root (largest) behind the shrinking heap.
        for (var end = dist.Length - 1; end > 0; end--)
        {
            var d = dist[end];
            var i = idx[end];
            dist[end] = dist[0];
            idx[end] = idx[0];
            SiftDown(dist[..end], idx[..end], d, i);
        }
    }
}
