using System.Diagnostics;
using System.Globalization;
using Projector.Core.Neighbors;

namespace Projector.Bench.Neighbors;

/// <summary>
/// The approximate <see cref="NeighborIndex"/> against the exact scan, as a cluster job's shards use them: a
/// reference of N rows (a seeded mixture of 20 Gaussian clusters in 50-d, as scripts/gauss-data.mjs makes)
/// and new rows of the same mixture, 15 neighbours each, queries spread over the cores. Prints the build
/// time, queries per second of both, the speed-up and the recall of the index's answers.
/// </summary>
internal static class NeighborIndexBenchmarks
{
    public static void Run(string sizes, int queries, TextWriter output)
    {
        output.WriteLine("| reference rows | index build (s) | exact queries/s | index queries/s | speed-up | recall@15 |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var n in sizes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)))
        {
            using var reference = GaussianMixture.Make(n, 50, seed: 1).Matrix;
            using var fresh = GaussianMixture.Make(queries, 50, seed: 2).Matrix;
            var clock = Stopwatch.StartNew();
            var index = NeighborIndex.Build(reference, Metric.Euclidean, seed: 42);
            var build = clock.Elapsed.TotalSeconds;
            const int k = 15;
            var exact = new Neighbor[queries][];
            var approximate = new Neighbor[queries][];
            clock.Restart();
            Parallel.For(0, queries, i => exact[i] = NeighborSearch.Query(reference, fresh.Row(i), k, Metric.Euclidean, -1, threads: 1));
            var exactRate = queries / clock.Elapsed.TotalSeconds;
            clock.Restart();
            Parallel.For(0, queries, i => approximate[i] = index.Query(fresh.Row(i), k));
            var indexRate = queries / clock.Elapsed.TotalSeconds;
            var hits = 0;
            for (var i = 0; i < queries; i++)
            {
                hits += exact[i].Select(x => x.Index).Intersect(approximate[i].Select(x => x.Index)).Count();
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {n:N0} | {build:F1} | {exactRate:N0} | {indexRate:N0} | {indexRate / exactRate:F1}x | {hits / (double)(queries * k):F3} |"));
        }
    }
}
