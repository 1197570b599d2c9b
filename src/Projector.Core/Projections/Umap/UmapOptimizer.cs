using System.Runtime.Intrinsics;

namespace Projector.Core.Projections.Umap;

/// <summary>
/// One epoch of UMAP's SGD with negative sampling, as umap-learn's <c>optimize_layout_euclidean</c>,
/// made parallel and reproducible: the same seed gives the same bytes on any number of threads.
/// </summary>
/// <remarks>
/// The edges are stored by head point (CSR order) and cut into a fixed number of partitions of whole
/// head rows, so each point is moved by exactly one partition. A partition reads its own heads' live
/// coordinates and every other point from the copy taken at the start of the epoch, and draws negative
/// samples from its own random stream (derived from the seed and the partition number). Nothing a
/// partition reads is written by another during the epoch, so the thread count and the schedule do not
/// change the result. umap-learn also moves the tail of each sampled edge (<c>move_other</c>); here the
/// tail is moved when its own copy of the (symmetric) edge is sampled, in the same epoch, so the head's
/// attractive step is doubled to keep umap-learn's balance of attraction and repulsion.
/// </remarks>
internal sealed class UmapOptimizer
{
    // umap-learn clips every gradient coordinate to ±4.
    private const float Clip = 4f;

    // Each undirected edge stands for umap-learn's two directed updates (see remarks).
    private const float AttractionScale = 2f;

    // Negative samples handled together, one per SIMD lane.
    private const int Lanes = 8;

    // Fixed, so partitions (and random streams) do not depend on the thread count.
    private const int MaxPartitions = 256;
    private const int MinEdgesPerPartition = 2048;

    private readonly int _points;
    private readonly int _dimensions;
    private readonly int[] _heads;
    private readonly int[] _tails;
    private readonly float[] _epochsPerSample;
    private readonly float[] _nextSample;
    private readonly float[] _nextNegative;
    private readonly int[] _partitionStart;
    private readonly ulong[] _rngState;
    private readonly float _a;
    private readonly float _b;
    private readonly float _negativeRate;
    private readonly float[] _previous;

    /// <summary>Edges of <paramref name="graph"/> weaker than max / epochs are dropped, as umap-learn does (never sampled).</summary>
    public UmapOptimizer(FuzzySimplicialSet graph, int dimensions, int epochs, double a, double b, int negativeSampleRate, int seed)
    {
        _points = graph.Points;
        _dimensions = dimensions;
        _a = (float)a;
        _b = (float)b;
        _negativeRate = negativeSampleRate;
        _previous = new float[_points * dimensions];
        var max = graph.MaxWeight();
        var threshold = epochs > 0 ? max / epochs : 0f;
        var heads = new List<int>(graph.Edges);
        var tails = new List<int>(graph.Edges);
        var perSample = new List<float>(graph.Edges);
        var rowEdges = new int[_points + 1];
        for (var i = 0; i < _points; i++)
        {
            for (var e = graph.RowStart[i]; e < graph.RowStart[i + 1]; e++)
            {
                if (graph.Weights[e] >= threshold && graph.Weights[e] > 0)
                {
                    heads.Add(i);
                    tails.Add(graph.Columns[e]);

                    // make_epochs_per_sample: the strongest edge is sampled every epoch.
                    perSample.Add(max / graph.Weights[e]);
                }
            }

            rowEdges[i + 1] = heads.Count;
        }

        _heads = [.. heads];
        _tails = [.. tails];
        _epochsPerSample = [.. perSample];
        _nextSample = [.. perSample];
        _nextNegative = new float[_epochsPerSample.Length];
        for (var e = 0; e < _nextNegative.Length; e++)
        {
            _nextNegative[e] = _epochsPerSample[e] / _negativeRate;
        }

        var partitions = Math.Clamp(_heads.Length / MinEdgesPerPartition, 1, MaxPartitions);
        _partitionStart = new int[partitions + 1];
        var row = 0;
        for (var p = 1; p < partitions; p++)
        {
            // Cut at whole rows so a head never spans two partitions.
            var target = (long)_heads.Length * p / partitions;
            while (row < _points && rowEdges[row] < target)
            {
                row++;
            }

            _partitionStart[p] = rowEdges[row];
        }

        _partitionStart[partitions] = _heads.Length;
        _rngState = new ulong[partitions];
        var mix = (ulong)(uint)seed;
        for (var p = 0; p < partitions; p++)
        {
            _rngState[p] = SplitMix64(ref mix) | 1;
        }
    }

    /// <summary>Edges that can be sampled.</summary>
    public int Edges => _heads.Length;

    /// <summary>Runs epoch <paramref name="epoch"/> (0-based) at learning rate <paramref name="alpha"/> on <paramref name="positions"/>.</summary>
    public void Epoch(float[] positions, int epoch, float alpha, ParallelOptions parallel)
    {
        positions.CopyTo(_previous, 0);
        Parallel.For(0, _rngState.Length, parallel, p => RunPartition(positions, p, epoch, alpha));
    }

    private void RunPartition(float[] y, int partition, int epoch, float alpha)
    {
        var dims = _dimensions;
        var a = _a;
        var b = _b;
        var rng = _rngState[partition];
        Span<float> diff = stackalloc float[3];
        Span<float> lanes = stackalloc float[Lanes * 3];
        for (var e = _partitionStart[partition]; e < _partitionStart[partition + 1]; e++)
        {
            if (_nextSample[e] > epoch)
            {
                continue;
            }

            var head = _heads[e] * dims;
            var tail = _tails[e] * dims;
            var d2 = 0f;
            for (var d = 0; d < dims; d++)
            {
                diff[d] = y[head + d] - _previous[tail + d];
                d2 += diff[d] * diff[d];
            }

            if (d2 > 0)
            {
                var power = FastMath.Pow(d2, b);
                var coefficient = -2f * a * b * (power / d2) / ((a * power) + 1f);
                for (var d = 0; d < dims; d++)
                {
                    y[head + d] += AttractionScale * Math.Clamp(coefficient * diff[d], -Clip, Clip) * alpha;
                }
            }

            _nextSample[e] += _epochsPerSample[e];
            var perNegative = _epochsPerSample[e] / _negativeRate;
            var negatives = (int)((epoch - _nextNegative[e]) / perNegative);
            for (var done = 0; done < negatives; done += Lanes)
            {
                Repel(y, head, Math.Min(Lanes, negatives - done), ref rng, alpha, lanes);
            }

            _nextNegative[e] += negatives * perNegative;
        }

        _rngState[partition] = rng;
    }

    /// <summary>
    /// Pushes the head at <paramref name="head"/> away from <paramref name="count"/> (≤ 8) random points at
    /// once: all are measured from the head's position before the batch, where umap-learn moves it after
    /// each one; at a learning rate ≤ 1 with clipped steps the difference is below the sampling noise.
    /// </summary>
    private void Repel(float[] y, int head, int count, ref ulong rng, float alpha, Span<float> dx)
    {
        // Lanes are laid out by coordinate: dx[d * 8 + s] is coordinate d of sample s.
        var dims = _dimensions;
        var previous = _previous;
        for (var s = 0; s < Lanes; s++)
        {
            var k = -1;
            if (s < count)
            {
                k = (int)(((Next(ref rng) >> 32) * (ulong)_points) >> 32) * dims;
            }

            // Unused lanes, and a point drawn as its own negative sample, stay at distance 0 (no force).
            var use = k >= 0 && k != head;
            dx[s] = use ? y[head] - previous[k] : 0f;
            dx[Lanes + s] = use ? y[head + 1] - previous[k + 1] : 0f;
            dx[(2 * Lanes) + s] = use && dims == 3 ? y[head + 2] - previous[k + 2] : 0f;
        }

        var x0 = Vector256.Create<float>(dx[..Lanes]);
        var x1 = Vector256.Create<float>(dx.Slice(Lanes, Lanes));
        var x2 = Vector256.Create<float>(dx.Slice(2 * Lanes, Lanes));
        var d2 = (x0 * x0) + (x1 * x1) + (x2 * x2);

        // 2b / ((0.001 + d²)(a d^2b + 1)): gamma (repulsion strength) is 1; 0.001 keeps it finite near 0.
        // Coincident points (d² = 0) exert no force, as in umap-learn since 0.4; the initial noise separates duplicates.
        var coefficient = Vector256.Create(2f * _b) / ((Vector256.Create(0.001f) + d2) * ((Vector256.Create(_a) * FastMath.Pow(d2, _b)) + Vector256<float>.One));
        coefficient = Vector256.ConditionalSelect(Vector256.GreaterThan(d2, Vector256<float>.Zero), coefficient, Vector256<float>.Zero);
        var clip = Vector256.Create(Clip);
        y[head] += Vector256.Sum(Vector256.Clamp(coefficient * x0, -clip, clip)) * alpha;
        y[head + 1] += Vector256.Sum(Vector256.Clamp(coefficient * x1, -clip, clip)) * alpha;
        if (dims == 3)
        {
            y[head + 2] += Vector256.Sum(Vector256.Clamp(coefficient * x2, -clip, clip)) * alpha;
        }
    }

    private static ulong Next(ref ulong state)
    {
        // xorshift64*: fast, and its stream depends only on the seed.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 0x2545F4914F6CDD1DUL;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
