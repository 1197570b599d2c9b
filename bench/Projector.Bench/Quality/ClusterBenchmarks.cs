using System.Globalization;
using Projector.Core.Data;
using Projector.Core.Quality;

namespace Projector.Bench.Quality;

/// <summary>
/// Times <see cref="LayoutClusters.Find"/> (clusters and their names) on map-like 2-D layouts of several
/// sizes: 20 elongated islands of uneven sizes and 2 % scattered points, with a label column naming the
/// island. Reports the median time on all cores and on one (the server's worker uses one), the adjusted
/// Rand index against the islands, and, up to <c>--exact-max</c> points, the reference measured in the same
/// run: HDBSCAN over the exact minimum spanning tree of all pairs (Prim, O(N²)), its time and the agreement
/// (ARI) of the kNN-graph tree's clusters with it; up to <c>--reference-max</c> points, the time the library's
/// general kNN search (NeighborSearch.BuildGraph) takes for the same 15 neighbours the k-d tree finds.
/// </summary>
internal static class ClusterBenchmarks
{
    public static void Run(string sizes, int runs, int exactMax, int referenceMax, TextWriter output)
    {
        foreach (var n in sizes.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)))
        {
            var (layout, truth, labels) = MapLike(n, seed: 1);
            var metadata = new MetadataTable(n, [new MetadataColumn("label", labels)]);
            ClusterResult? result = null;
            var (all, allCpu) = WallAndCpu(runs, () => result = LayoutClusters.Find(layout, 2, metadata, null));
            var (one, oneCpu) = WallAndCpu(runs, () => LayoutClusters.Find(layout, 2, metadata, new ClusterOptions { Threads = 1 }));
            var kept = truth.Select((t, i) => (t, i)).Where(p => p.t >= 0).Select(p => p.i).ToArray();
            var ari = AdjustedRand.Index([.. kept.Select(i => truth[i])], [.. kept.Select(i => result!.Assignments[i])]);
            var named = result!.Clusters.Count(c => c.Label.Length > 0);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"clusters n={n}: {all:F3} s (CPU {allCpu:F3} s) on {Environment.ProcessorCount} threads, {one:F3} s (CPU {oneCpu:F3} s) on 1 (medians of {runs}); {result.Clusters.Count} clusters ({named} named, e.g. '{result.Clusters[0].Label}'), {result.Noise} noise, ARI vs islands {ari:F3}"));
            output.WriteLine("  phases (median of 1 after a warm-up, all threads): " + Phases(layout, metadata, result.MinSamples, result.MinClusterSize));
            if (n <= referenceMax)
            {
                // The library's general neighbour search (exact up to 20,000 rows, NN-descent above) over the same positions.
                using var positions = EmbeddingMatrix.FromArray(layout, n, 2);
                var general = Timing.Median(1, () => Core.Neighbors.NeighborSearch.BuildGraph(positions, 15, Core.Neighbors.Metric.Euclidean));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  reference, 15 neighbours by NeighborSearch.BuildGraph n={n}: {general:F3} s"));
            }

            if (n <= exactMax)
            {
                int[]? exact = null;
                var exactTime = Timing.Median(Math.Min(runs, 1), () => exact = ExactHdbscan(layout, result.MinSamples, result.MinClusterSize));
                var ids = exact!.Where(r => r >= 0).Distinct().Count();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  reference, exact all-pairs tree n={n}: {exactTime:F3} s; {ids} clusters; ARI kNN-graph tree vs exact {AdjustedRand.Index(exact!, result.Assignments):F3}"));
            }
        }
    }

    /// <summary>
    /// Median wall and CPU seconds after a warm-up: on a shared machine the wall time includes the time other
    /// processes held the cores, the CPU time of this process does not.
    /// </summary>
    private static (double Wall, double Cpu) WallAndCpu(int runs, Action action)
    {
        action();
        var wall = new List<double>();
        var cpu = new List<double>();
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            action();
            wall.Add(watch.Elapsed.TotalSeconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalSeconds);
        }

        wall.Sort();
        cpu.Sort();
        return (wall[runs / 2], cpu[runs / 2]);
    }

    /// <summary>The time of each step of <see cref="LayoutClusters.Find"/>: neighbours, tree and selection, names.</summary>
    private static string Phases(float[] layout, MetadataTable metadata, int minSamples, int minClusterSize)
    {
        var n = layout.Length / 2;
        var k = Math.Max(minSamples, 15);
        (int[] Neighbors, float[] Distances) found = ([], []);
        var knn = WallAndCpu(1, () => found = new LayoutTree(layout, 2).Neighbors(k, null, CancellationToken.None));
        int[] raw = [];
        var tree = WallAndCpu(1, () => raw = Hdbscan.Cluster(n, k, found.Neighbors, found.Distances, minSamples, minClusterSize, 1e-6, CancellationToken.None));
        var ids = raw.Distinct().Where(r => r >= 0).Order().Select((r, i) => (r, i)).ToDictionary(p => p.r, p => p.i);
        int[] assignments = [.. raw.Select(r => r < 0 ? -1 : ids[r])];
        var names = WallAndCpu(1, () => ClusterNaming.Terms(assignments, ids.Count, metadata, CancellationToken.None));
        return string.Create(CultureInfo.InvariantCulture, $"neighbours {knn.Wall:F3} s (CPU {knn.Cpu:F3} s), tree {tree.Wall:F3} s (CPU {tree.Cpu:F3} s), names {names.Wall:F3} s (CPU {names.Cpu:F3} s)");
    }

    /// <summary>20 islands (sizes 1/(rank+1)), stretched and turned, 15 apart on a jittered grid, plus 2 % uniform points.</summary>
    internal static (float[] Layout, int[] Truth, string?[] Labels) MapLike(int n, int seed)
    {
        var random = new Random(seed);
        const int Islands = 20;
        var weights = Enumerable.Range(0, Islands).Select(r => 1.0 / (r + 1)).ToArray();
        var total = weights.Sum();
        var noise = n / 50;
        var layout = new float[n * 2];
        var truth = new int[n];
        var labels = new string?[n];
        var p = 0;
        for (var b = 0; b < Islands; b++)
        {
            var count = b == Islands - 1 ? n - noise - p : (int)((n - noise) * weights[b] / total);
            var (cx, cy) = ((b % 5 * 15.0) + random.NextDouble(), (b / 5 * 15.0) + random.NextDouble());
            var angle = random.NextDouble() * Math.PI;
            var (sx, sy) = (1 + random.NextDouble(), 0.4 + (0.4 * random.NextDouble()));
            for (var i = 0; i < count; i++, p++)
            {
                var (u, v) = (Gaussian(random) * sx, Gaussian(random) * sy);
                layout[2 * p] = (float)(cx + (u * Math.Cos(angle)) - (v * Math.Sin(angle)));
                layout[(2 * p) + 1] = (float)(cy + (u * Math.Sin(angle)) + (v * Math.Cos(angle)));
                truth[p] = b;
                labels[p] = $"class {b}";
            }
        }

        for (; p < n; p++)
        {
            layout[2 * p] = (float)((random.NextDouble() * 75) - 5);
            layout[(2 * p) + 1] = (float)((random.NextDouble() * 60) - 5);
            truth[p] = -1;
            labels[p] = $"class {random.Next(Islands)}";
        }

        return (layout, truth, labels);
    }

    /// <summary>HDBSCAN over the exact minimum spanning tree of the mutual-reachability distances (Prim over all pairs).</summary>
    private static int[] ExactHdbscan(float[] layout, int minSamples, int minClusterSize)
    {
        var n = layout.Length / 2;
        var search = new LayoutTree(layout, 2);
        var (_, distances) = search.Neighbors(minSamples, null, CancellationToken.None);
        var core = Hdbscan.CoreDistances(n, minSamples, distances, minSamples);
        var best = new float[n];
        var bestFrom = new int[n];
        var inTree = new bool[n];
        Array.Fill(best, float.PositiveInfinity);
        var from = new int[n - 1];
        var to = new int[n - 1];
        var weight = new float[n - 1];
        var current = 0;
        inTree[0] = true;
        for (var e = 0; e < n - 1; e++)
        {
            var (cx, cy, cc) = (layout[2 * current], layout[(2 * current) + 1], core[current]);
            var next = -1;
            for (var j = 0; j < n; j++)
            {
                if (inTree[j])
                {
                    continue;
                }

                var (dx, dy) = (layout[2 * j] - cx, layout[(2 * j) + 1] - cy);
                var w = Math.Max((float)Math.Sqrt((dx * dx) + (dy * dy)), Math.Max(cc, core[j]));
                if (w < best[j])
                {
                    (best[j], bestFrom[j]) = (w, current);
                }

                if (next < 0 || best[j] < best[next])
                {
                    next = j;
                }
            }

            (from[e], to[e], weight[e]) = (bestFrom[next], next, best[next]);
            inTree[next] = true;
            current = next;
        }

        return Hdbscan.FromEdges(n, from, to, weight, minClusterSize, 1e-7 * 75, CancellationToken.None);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
