using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Projector.Core.Projections.Umap;

namespace Projector.Core.Tests.Projections.Umap;

public sealed class UmapOptimizerTests
{
    [Fact]
    public void Points_without_edges_between_linked_rows_never_move_and_linked_pairs_draw_together()
    {
        // Given 30,000 points: 3m and 3m + 1 linked, 3m + 2 alone (rows without edges between rows with
        // them, across the optimizer's partitions), and a random start
        const int n = 30_000;
        var rowStart = new int[n + 1];
        var cols = new List<int>();
        for (var i = 0; i < n; i++)
        {
            if (i % 3 != 2)
            {
                cols.Add(i % 3 == 0 ? i + 1 : i - 1);
            }

            rowStart[i + 1] = cols.Count;
        }

        var graph = FuzzySimplicialSet.Union(n, rowStart, [.. cols], [.. Enumerable.Repeat(1f, cols.Count)]);
        var random = new Random(3);
        var positions = new float[n * 2];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = (float)(random.NextDouble() * 10);
        }

        var start = (float[])positions.Clone();
        var optimizer = new UmapOptimizer(graph, 2, 20, 1.577, 0.895, 5, 42);

        // When
        for (var epoch = 0; epoch < 20; epoch++)
        {
            optimizer.Epoch(positions, epoch, 1f - (epoch / 20f), new ParallelOptions());
        }

        // Then
        Assert.Equal(2 * (n / 3), optimizer.Edges);
        double before = 0, after = 0;
        for (var i = 0; i < n; i += 3)
        {
            Assert.Equal(start[(2 * (i + 2))..(2 * (i + 3))], positions[(2 * (i + 2))..(2 * (i + 3))]);
            before += Distance(start, i, i + 1);
            after += Distance(positions, i, i + 1);
        }

        Assert.True(after < before / 4, $"mean pair distance {before / (n / 3):F3} → {after / (n / 3):F3}");
    }

    [Fact]
    public void Epochs_give_the_same_bytes_on_any_number_of_threads_when_the_tail_pulls_are_applied_in_parallel()
    {
        // Given 30,000 points, each linked to the next three with random weights (pulls on every tail from
        // many partitions), so that the tail pulls are applied by up to seven workers
        const int n = 30_000;
        var random = new Random(5);
        var rowStart = new int[n + 1];
        var cols = new List<int>();
        var weights = new List<float>();
        for (var i = 0; i < n; i++)
        {
            for (var step = 1; step <= 3; step++)
            {
                cols.Add((i + step) % n);
                weights.Add(0.2f + (0.8f * (float)random.NextDouble()));
            }

            rowStart[i + 1] = cols.Count;
        }

        var graph = FuzzySimplicialSet.Union(n, rowStart, [.. cols], [.. weights]);
        var start = new float[n * 2];
        for (var i = 0; i < start.Length; i++)
        {
            start[i] = (float)(random.NextDouble() * 10);
        }

        float[] Run(int threads)
        {
            var positions = (float[])start.Clone();
            var optimizer = new UmapOptimizer(graph, 2, 8, 1.577, 0.895, 5, 42);
            for (var epoch = 0; epoch < 8; epoch++)
            {
                optimizer.Epoch(positions, epoch, 1f - (epoch / 8f), new ParallelOptions { MaxDegreeOfParallelism = threads });
            }

            return positions;
        }

        // When
        var one = Run(1);
        var results = new[] { 2, 3, 7 }.Select(Run).ToArray();

        // Then
        Assert.NotEqual(start, one);
        Assert.All(results, r => Assert.Equal(one, r));
    }

    [Fact]
    public void Negative_samples_cover_every_point_evenly_and_the_lanes_draw_independently()
    {
        // Given eight lane streams seeded as the optimizer seeds them, and 1,000 points
        const int points = 1_000;
        const int batches = 50_000;
        var seed = 7UL;
        var rng = Vector256.Create(Enumerable.Range(0, 8).Select(_ => (uint)UmapOptimizer.SplitMix64(ref seed) | 1).ToArray());
        var counts = new int[points];
        var sameAsNeighbourLane = 0;

        // When 400,000 points are drawn
        for (var b = 0; b < batches; b++)
        {
            var drawn = UmapOptimizer.Draw(ref rng, points);
            for (var lane = 0; lane < 8; lane++)
            {
                Assert.InRange(drawn[lane], 0, points - 1);
                counts[drawn[lane]]++;
                sameAsNeighbourLane += lane > 0 && drawn[lane] == drawn[lane - 1] ? 1 : 0;
            }
        }

        // Then every point is drawn about 400 times (chi-square with 999 degrees of freedom: mean 999,
        // sd 45; 1,250 is over five sd), and neighbouring lanes agree no more often than chance (350 expected).
        var expected = batches * 8.0 / points;
        var chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chiSquare < 1_250, $"chi-square {chiSquare:F0}");
        Assert.InRange(sameAsNeighbourLane, 250, 450);
    }

    [Fact]
    public unsafe void The_portable_gather_loads_what_the_hardware_gather_loads()
    {
        // Given a layout and eight offsets into it, some repeated
        var source = Enumerable.Range(0, 64).Select(i => (i * 1.5f) - 7f).ToArray();
        var offsets = Vector256.Create(0, 62, 5, 5, 33, 17, 2, 63);

        // When both gathers read them
        fixed (float* start = source)
        {
            var portable = UmapOptimizer.Gather(start, offsets);

            // Then each lane holds its offset's value, and the AVX2 gather (where there is one) agrees
            for (var lane = 0; lane < 8; lane++)
            {
                Assert.Equal(source[offsets[lane]], portable[lane]);
            }

            if (Avx2.IsSupported)
            {
                Assert.Equal(Avx2.GatherVector256(start, offsets, 4), portable);
            }
        }
    }

    private static double Distance(float[] y, int i, int j) => Math.Sqrt(Math.Pow(y[2 * i] - y[2 * j], 2) + Math.Pow(y[(2 * i) + 1] - y[(2 * j) + 1], 2));
}
