using System.Runtime.Intrinsics;

namespace Projector.Core.Neighbors;

/// <summary>
/// Approximate kNN graph by NN-descent (Dong, Moses and Li 2011, "a neighbour of a neighbour is likely a
/// neighbour"), written here because no approximate-search package is served on our NuGet feed. Follows
/// pynndescent: random projection forest initialisation, then rounds of local joins over sampled "new"
/// and "old" candidates (at most <see cref="MaxCandidates"/> per point), until fewer than δ·N·k entries
/// change (δ = 0.001) or <see cref="MaxIterations"/> rounds.
/// </summary>
/// <remarks>
/// Determinism without ordering: every heap keeps "the k smallest distinct (distance, index) pairs" under a
/// total order, which is the same set whatever order pushes arrive in, so threads may push concurrently
/// (under striped locks). Sampling priorities are hashes of (seed, round, pair), not a shared RNG, and the
/// stopping count is taken from the final heaps (entries inserted this round that survived), so the number
/// of rounds is deterministic too. Same seed, same graph, for any thread count.
/// </remarks>
internal sealed class NNDescentIndex
{
    private const int MaxIterations = 12;
    private const double Delta = 0.001;
    private const int MaxCandidates = 60;   // pynndescent's cap on sampled candidates per point
    private const int MinHeap = 30;         // neighbours searched per point when k is smaller
    private const int Chunk = 1024;          // rows per parallel work item
    private const int LocalityFrom = 50_000; // fewest rows renumbered for locality (below, they fit in cache)
    private const int LocalityLeaf = 256;    // leaf size of the renumbering tree
    private const long CollectFromEntries = 20_000_000; // heap entries (N·k) from which the rounds' garbage is returned before the copies out
    private const byte Old = 0, Fresh = 1, Inserted = 2;

    private readonly PreparedRows _rows;
    private readonly int _n;
    private readonly int _k;
    private readonly float[] _dist;
    private readonly int[] _idx;
    private readonly byte[] _flag;
    private readonly Lock[] _locks = new Lock[4096];  // striped over the heaps
    private readonly ParallelOptions _parallel;
    private readonly int _seed;

    private NNDescentIndex(PreparedRows rows, int k, NeighborOptions options, CancellationToken ct)
    {
        _rows = rows;
        _n = rows.Count;
        _k = k;
        _dist = new float[(long)_n * k];
        _idx = new int[(long)_n * k];
        _flag = new byte[(long)_n * k];
        _parallel = options.Parallel(ct);
        _seed = options.Seed;
        for (var i = 0; i < _locks.Length; i++)
        {
            _locks[i] = new Lock();
        }
    }

    public static KnnGraph Build(PreparedRows rows, int k, NeighborOptions options, IProgress<ProjectionProgress>? progress, CancellationToken ct)
    {
        // Search with at least MinHeap neighbours and keep the first k: a wider heap lets more good
        // candidates flow through the joins, which lifts recall@k far more than extra rounds do.
        var wanted = k;
        var heap = HeapFor(rows.Count, k, options);
        var parallel = options.Parallel(ct);
        int[]? order = null;
        if (rows.Count >= (options.LocalityFrom ?? LocalityFrom))
        {
            // Renumber along one random projection tree, so that a point's candidates (and theirs) sit
            // near it in memory: the joins then read rows from cache rather than from anywhere in N·D floats.
            (order, _) = RandomProjectionForest.BuildTree(rows, LocalityLeaf, unchecked((options.Seed * 7919) - 1), ct);
            rows = rows.Permuted(order, parallel);
        }

        var index = new NNDescentIndex(rows, heap, options, ct);
        index.Initialize(options.Trees);
        index.Descend(options, progress);
        if ((long)rows.Count * heap >= CollectFromEntries)
        {
            // The rounds' candidate lists and reverse entries (3·N·k ints at k = 90) are garbage now; without
            // a collection they were still held when the graph's copies below were made, and the search's
            // peak at 1M points and k = 90 was 2.9 GB instead of 2.3.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        var distances = ExactKnn.Finish(rows, heap, index._dist, index._idx, parallel);
        return order is null
            ? new KnnGraph(rows.Count, heap, index._idx, distances, rows.Metric, isExact: false).Truncate(wanted)
            : Unpermute(order, heap, wanted, index._idx, distances, rows.Metric, parallel);
    }

    /// <summary>Neighbours searched per point for k of n rows: at least <see cref="MinHeap"/>, at most n − 1.</summary>
    internal static int HeapFor(int n, int k, NeighborOptions options) => Math.Min(n - 1, Math.Max(k, options.HeapSize ?? MinHeap));

    /// <summary>Candidates sampled per point and round for heaps of <paramref name="heap"/>.</summary>
    private static int CandidatesFor(int heap, NeighborOptions options) => options.Candidates ?? Math.Min(MaxCandidates, Math.Max(heap, 30));

    /// <summary>
    /// Bytes the search holds at once during its rounds for k neighbours of n rows of d dimensions: the heaps
    /// (distance, index, flag), the new and old candidate lists, the reverse entries and, from
    /// <see cref="LocalityFrom"/> rows, the rows renumbered for locality.
    /// </summary>
    internal static long WorkingBytes(int n, int d, int k, NeighborOptions options)
    {
        var heap = (long)HeapFor(n, k, options);
        var candidates = CandidatesFor((int)heap, options);
        var renumbered = n >= (options.LocalityFrom ?? LocalityFrom) ? 4L * n * d : 0;
        return (9 * n * heap) + (2 * 4L * n * candidates) + (4 * n * heap) + renumbered;
    }

    /// <summary>
    /// The graph in input numbering from one searched in renumbered rows (row s was input row order[s]),
    /// keeping the first <paramref name="wanted"/> of <paramref name="width"/> neighbours, sorted by
    /// (distance, input index) again: the renumbering must not decide ties.
    /// </summary>
    private static KnnGraph Unpermute(int[] order, int width, int wanted, int[] indices, float[] distances, Metric metric, ParallelOptions parallel)
    {
        var n = order.Length;
        var idx = new int[(long)n * wanted];
        var dist = new float[(long)n * wanted];
        Parallel.For(0, (n + Chunk - 1) / Chunk, parallel, c =>
        {
            for (var s = c * Chunk; s < Math.Min(n, (c + 1) * Chunk); s++)
            {
                var rowIdx = idx.AsSpan(order[s] * wanted, wanted);
                var rowDist = dist.AsSpan(order[s] * wanted, wanted);
                for (var t = 0; t < wanted; t++)
                {
                    rowIdx[t] = order[indices[(s * width) + t]];
                    rowDist[t] = distances[(s * width) + t];
                }

                ExactKnn.InsertionSort(rowDist, rowIdx);
            }
        });
        return new KnnGraph(n, wanted, idx, dist, metric, isExact: false);
    }

    /// <summary>
    /// The rounds of local joins. The candidate lists and the reverse entries live only here, so they are
    /// garbage before the graph is copied out (at 10M points and heaps of 30: lists 2.4 GB, reverse entries
    /// 1.2 GB, the copy 1.2 GB).
    /// </summary>
    private void Descend(NeighborOptions options, IProgress<ProjectionProgress>? progress)
    {
        var candidates = CandidatesFor(_k, options);
        var iterations = options.Iterations ?? MaxIterations;
        var newCand = new CandidateLists(_n, candidates, options.Seed);
        var oldCand = new CandidateLists(_n, candidates, options.Seed);
        var reverse = new ReverseEntries(_n, _idx.LongLength);
        for (var round = 0; round < iterations; round++)
        {
            var changed = Round(round, newCand, oldCand, reverse);
            progress?.Report(new ProjectionProgress("neighbors", round + 1, iterations, changed));
            if (changed <= Delta * _n * _k)
            {
                break;
            }
        }
    }

    /// <summary>A uniform value in [0, 1) from (seed, a, b, c): SplitMix64 finaliser over the packed inputs.</summary>
    internal static float Hash(int seed, int a, long b, long c)
    {
        var z = unchecked(((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)a << 40) ^ ((ulong)b * 0xBF58476D1CE4E5B9UL) ^ ((ulong)c * 0x94D049BB133111EBUL));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (z >> 40) * (1f / (1 << 24));
    }

    /// <summary>All pairs within each random projection tree leaf, then random neighbours for any heap not yet full.</summary>
    /// <remarks>
    /// The random neighbours come last and only where needed, as in pynndescent: a random row is almost never
    /// kept once the trees have offered theirs, and keying k random rows per point reads them from anywhere
    /// in N·D floats (at 1M points and k = 30, 6 s of a 90 s search when every heap got them first).
    /// </remarks>
    private void Initialize(int? treeCount)
    {
        var leafSize = Math.Max(10, Math.Min(_k, 60));
        var (n, k) = (_n, _k);
        Parallel.For(0, (n + Chunk - 1) / Chunk, _parallel, c =>
        {
            for (var i = c * Chunk; i < Math.Min(n, (c + 1) * Chunk); i++)
            {
                MaxHeap.Clear(_dist.AsSpan(i * k, k), _idx.AsSpan(i * k, k));
            }
        });

        var capacity = Math.Max(k, leafSize);
        var trees = treeCount ?? Math.Max(4, Math.Min(16, 2 + (int)Math.Round(Math.Pow(_n, 0.25) / 3)));
        Parallel.For(0, trees, _parallel, t =>
        {
            var (order, leaves) = RandomProjectionForest.BuildTree(_rows, leafSize, unchecked((_seed * 7919) + t), _parallel.CancellationToken);
            var scratch = new JoinScratch(_rows.Dimensions, capacity);
            foreach (var (start, count) in leaves)
            {
                order.AsSpan(start, count).CopyTo(scratch.Columns);
                JoinBlock(scratch, count, count);
            }
        });

        // A heap still holding a sentinel (it sorts last, so it is the root) takes distinct random rows until
        // full. Only row i's own heap changes here, and the trees' pairs are a set, so this is deterministic.
        Parallel.For(0, (n + Chunk - 1) / Chunk, _parallel, c =>
        {
            var scratch = new JoinScratch(_rows.Dimensions, capacity);
            var columns = scratch.Columns;
            for (var i = c * Chunk; i < Math.Min(n, (c + 1) * Chunk); i++)
            {
                long attempt = 0;
                while (_idx[i * k] == int.MaxValue)
                {
                    var count = 0;
                    for (; count < k; attempt++)
                    {
                        var j = (int)(Hash(_seed, -1, i, attempt) * n) % n;
                        if (j != i && !columns.AsSpan(0, count).Contains(j))
                        {
                            columns[count++] = j;
                        }
                    }

                    var stride = PairKeys.Stride(count);
                    PairKeys.Pack(_rows, columns.AsSpan(0, count), scratch.Packed, stride);
                    PairKeys.Keys(_rows, i, scratch.Packed, stride, 0, count, scratch.Keys);
                    for (var s = 0; s < count; s++)
                    {
                        Push(i, columns[s], scratch.Keys[s]);
                    }
                }
            }
        });
        Array.Fill(_flag, Fresh);
    }

    /// <summary>Offers q (at distance d) as a neighbour of p; keeps p's k smallest distinct pairs.</summary>
    private void Push(int p, int q, float d)
    {
        var k = _k;
        var o = p * k;
        // Unlocked pre-check: the worst kept pair only ever improves, so a stale read is merely conservative.
        if (!MaxHeap.Before(d, q, Volatile.Read(ref _dist[o]), Volatile.Read(ref _idx[o])))
        {
            return;
        }

        // Unlocked, too: most pairs a join offers are already kept, and seeing q is final (q present, or
        // being placed by the same pair's other offer, or leaving because k better pairs arrived, so
        // this offer could not stay either); not seeing it is checked again under the lock.
        if (_idx.AsSpan(o, k).Contains(q))
        {
            return;
        }

        lock (_locks[p & (_locks.Length - 1)])
        {
            var dist = _dist.AsSpan(o, k);
            var idx = _idx.AsSpan(o, k);
            if (!MaxHeap.Before(d, q, dist[0], idx[0]) || idx.Contains(q))
            {
                return;
            }

            MaxHeap.SiftDown(dist, idx, _flag.AsSpan(o, k), d, q, Inserted);
        }
    }

    /// <summary>One round of sampling and local joins; returns how many entries were inserted and kept.</summary>
    private long Round(int round, CandidateLists newCand, CandidateLists oldCand, ReverseEntries reverse)
    {
        var (n, k) = (_n, _k);
        reverse.Build(_idx, _parallel);

        // Sampling: each point's forward and reverse neighbours, new (fresh entries) and old apart, each
        // list keeping the m of smallest hash priority. The priority of a pair is symmetric, so (i, j)
        // named from both ends is one candidate. Old lists serve only joins, so only points with new
        // candidates fill theirs: in late rounds that is a few points, and the round costs what it changes.
        Parallel.For(0, (n + Chunk - 1) / Chunk, _parallel, c =>
        {
            var scratch = new SampleScratch(newCand.Capacity);
            for (var i = c * Chunk; i < Math.Min(n, (c + 1) * Chunk); i++)
            {
                newCand.Fill(i, round, Gather(i, Fresh, reverse, scratch), scratch.Keys, scratch.Heap);
                if (newCand.Row(i).Length == 0)
                {
                    oldCand.Empty(i);
                }
                else
                {
                    oldCand.Fill(i, round, Gather(i, Old, reverse, scratch), scratch.Keys, scratch.Heap);
                }
            }
        });

        // Sampled new entries become old: their joins happen in this round.
        Parallel.For(0, (n + Chunk - 1) / Chunk, _parallel, c =>
        {
            for (var i = c * Chunk; i < Math.Min(n, (c + 1) * Chunk); i++)
            {
                var sampled = newCand.Row(i);
                for (var s = i * k; s < (i + 1) * k; s++)
                {
                    if (_flag[s] == Fresh && sampled.Contains(_idx[s]))
                    {
                        _flag[s] = Old;
                    }
                }
            }
        });

        // Local join: new x new and new x old pairs of each point's candidates are offered to each other,
        // a point's candidates keyed as one block.
        var capacity = 2 * newCand.Capacity;
        Parallel.For(0, (n + Chunk - 1) / Chunk, _parallel, c =>
        {
            var scratch = new JoinScratch(_rows.Dimensions, capacity);
            for (var i = c * Chunk; i < Math.Min(n, (c + 1) * Chunk); i++)
            {
                var fresh = newCand.Row(i);
                if (fresh.Length == 0)
                {
                    continue;
                }

                var old = oldCand.Row(i);
                fresh.CopyTo(scratch.Columns);
                old.CopyTo(scratch.Columns.AsSpan(fresh.Length));
                JoinBlock(scratch, fresh.Length + old.Length, fresh.Length);
            }
        });

        // Count survivors inserted this round (order-independent), and mark them new for the next round.
        long changed = 0;
        for (long s = 0; s < _flag.LongLength; s++)
        {
            if (_flag[s] == Inserted)
            {
                _flag[s] = Fresh;
                changed++;
            }
        }

        return changed;
    }

    /// <summary>
    /// Offers every pair (columns[a], columns[b]) with a &lt; <paramref name="joined"/> and a &lt; b &lt;
    /// <paramref name="count"/> to both rows' heaps. A pair goes to a heap only if its key is within that
    /// heap's worst as read before the block or the row: the worst only improves, so a stale bound lets
    /// through more pairs than needed (Push checks again), never fewer.
    /// </summary>
    /// <remarks>
    /// Only the joined (new) columns are packed, and each column b is keyed against the packed [0, min(b,
    /// joined)), four columns side by side: every pair has a new column at its lower position. Late rounds
    /// join a few new candidates with up to 60 old ones, so they gather a few rows instead of all of them.
    /// </remarks>
    private void JoinBlock(JoinScratch scratch, int count, int joined)
    {
        var k = _k;
        var columns = scratch.Columns;
        var keys = scratch.Keys;
        var worst = scratch.Worst;
        var stride = PairKeys.Stride(joined);
        PairKeys.Pack(_rows, columns.AsSpan(0, joined), scratch.Packed, stride);
        for (var a = 0; a < joined; a++)
        {
            worst[a] = Volatile.Read(ref _dist[(long)columns[a] * k]);
        }

        var b = 1;
        for (; b + 4 <= count; b += 4)
        {
            PairKeys.Keys4(_rows, columns.AsSpan(b, 4), scratch.Packed, stride, Math.Min(b + 3, joined), keys);
            for (var r = 0; r < 4; r++)
            {
                Offer(columns, worst, keys.AsSpan(r * stride, stride), b + r, Math.Min(b + r, joined));
            }
        }

        for (; b < count; b++)
        {
            var lower = Math.Min(b, joined);
            PairKeys.Keys(_rows, columns[b], scratch.Packed, stride, 0, lower, keys);
            Offer(columns, worst, keys, b, lower);
        }
    }

    /// <summary>Offers the pairs (columns[a], columns[b]), a &lt; <paramref name="lower"/>, keyed by keys[a], to both heaps.</summary>
    /// <remarks>
    /// Nine pairs in ten pass neither bound, so the bounds are compared a vector at a time and only the
    /// lanes that pass are visited: a scalar compare and branch per pair was a tenth of a search.
    /// </remarks>
    private void Offer(int[] columns, float[] worst, ReadOnlySpan<float> keys, int b, int lower)
    {
        var q = columns[b];
        var own = Volatile.Read(ref _dist[(long)q * _k]);
        var ownVector = Vector256.Create(own);
        for (var a0 = 0; a0 < lower; a0 += 8)
        {
            var key = Vector256.Create(keys.Slice(a0, 8));
            var mask = (Vector256.LessThanOrEqual(key, Vector256.Create(worst.AsSpan(a0, 8))) | Vector256.LessThanOrEqual(key, ownVector)).ExtractMostSignificantBits();
            if (lower - a0 < 8)
            {
                mask &= (1u << (lower - a0)) - 1;
            }

            while (mask != 0)
            {
                var a = a0 + System.Numerics.BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                var p = columns[a];
                var d = keys[a];
                if (p == q)
                {
                    continue;
                }

                if (d <= worst[a])
                {
                    Push(p, q, d);
                }

                if (d <= own)
                {
                    Push(q, p, d);
                }
            }
        }
    }

    /// <summary>
    /// Point i's neighbours whose entries are old (<paramref name="kind"/> = Old) or not (otherwise), forward
    /// (its own heap) then reverse (heaps naming it), possibly repeated, in the scratch's growing buffer.
    /// </summary>
    private Span<int> Gather(int i, byte kind, ReverseEntries reverse, SampleScratch scratch)
    {
        var k = _k;
        var named = reverse.Of(i);
        var buffer = scratch.Candidates(k + named.Length);
        var count = 0;
        for (var s = i * k; s < (i + 1) * k; s++)
        {
            if ((_flag[s] == Old) == (kind == Old))
            {
                buffer[count++] = _idx[s];
            }
        }

        foreach (var s in named)
        {
            if ((_flag[s] == Old) == (kind == Old))
            {
                buffer[count++] = s / k;
            }
        }

        return buffer.AsSpan(0, count);
    }

    /// <summary>One thread's buffers for sampling: the gathered candidates (grown as needed) and a heap of m.</summary>
    private sealed class SampleScratch(int m)
    {
        private int[] _candidates = new int[256];

        public float[] Keys { get; } = new float[m];

        public int[] Heap { get; } = new int[m];

        public int[] Candidates(int length)
        {
            if (_candidates.Length < length)
            {
                _candidates = new int[Math.Max(length, 2 * _candidates.Length)];
            }

            return _candidates;
        }
    }

    /// <summary>One thread's buffers for <see cref="JoinBlock"/>: the rows joined, packed, their keys and heaps' worst.</summary>
    private sealed class JoinScratch(int dimensions, int capacity)
    {
        public int[] Columns { get; } = new int[capacity];

        public float[] Packed { get; } = new float[(long)dimensions * PairKeys.Stride(capacity)];

        public float[] Keys { get; } = new float[4 * PairKeys.Stride(capacity)];

        public float[] Worst { get; } = new float[PairKeys.Stride(capacity)];
    }
}
