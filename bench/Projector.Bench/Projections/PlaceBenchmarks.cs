using System.Diagnostics;
using System.Globalization;
using Projector.Bench.Neighbors;
using Projector.Core.Neighbors;
using Projector.Core.Projections;

namespace Projector.Bench.Projections;

/// <summary>
/// Placing new rows into a finished UMAP layout, as a cluster job's shards do: a reference of N rows of a
/// seeded mixture of 20 Gaussian clusters in 50-d laid out once, then M new rows of the same mixture
/// placed through a <see cref="NeighborIndex"/> of the reference. Prints the placed rows per second and per
/// CPU-second, and how often a placed row's nearest reference point in the layout is of its own cluster.
/// </summary>
internal static class PlaceBenchmarks
{
    public static void Run(int referenceRows, int newRows, int runs, TextWriter output)
    {
        var (reference, referenceLabels) = GaussianMixture.Make(referenceRows, 50, seed: 1);
        var (fresh, freshLabels) = GaussianMixture.Make(newRows, 50, seed: 2);
        using (reference)
        using (fresh)
        {
            var recipe = new ProjectionRecipe { Method = LayoutMethod.Umap, Seed = 42, PcaDims = 0 };
            var layout = recipe.Compute(reference);
            var frame = new ProjectionFrame(layout.Positions, layout.Points, layout.Dimensions, 0, 0, null, "done");
            var index = NeighborIndex.Build(reference, recipe.Metric, seed: 42);
            output.WriteLine($"reference {referenceRows:N0} rows laid out; placing {newRows:N0} rows, {Environment.ProcessorCount} cores");
            output.WriteLine();
            output.WriteLine("| run | placing s | CPU s | rows per CPU-second | own cluster nearest |");
            output.WriteLine("|---|---:|---:|---:|---:|");
            for (var r = 0; r < runs; r++)
            {
                var process = Process.GetCurrentProcess();
                var cpu = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var placed = recipe.Place(reference, frame, fresh, neighbors: 0, index: index);
                var wall = clock.Elapsed.TotalSeconds;
                process.Refresh();
                var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
                var agree = 0;
                Parallel.For(0, newRows, () => 0, (i, _, count) =>
                {
                    var best = double.MaxValue;
                    var label = -1;
                    for (var j = 0; j < referenceRows; j++)
                    {
                        var dx = placed.Positions[2 * i] - layout.Positions[2 * j];
                        var dy = placed.Positions[(2 * i) + 1] - layout.Positions[(2 * j) + 1];
                        var d = (dx * dx) + (dy * dy);
                        if (d < best)
                        {
                            best = d;
                            label = referenceLabels[j];
                        }
                    }

                    return count + (label == freshLabels[i] ? 1 : 0);
                }, count => Interlocked.Add(ref agree, count));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r + 1} | {wall:F2} | {cpuSeconds:F2} | {newRows / cpuSeconds:N0} | {agree / (double)newRows:F4} |"));
            }
        }
    }
}
