using System.Diagnostics;
using System.Globalization;
using Projector.Core.Projections.Tsne;

namespace Projector.Bench.Projections;

/// <summary>
/// Milliseconds per repulsion evaluation (FFT interpolation vs Barnes-Hut at its default θ) on seeded
/// layouts of N points shaped like t-SNE results at three extents (3-D: Barnes-Hut only): wall time (median
/// and fastest of the runs) and process CPU time (median; it includes the thread pool's spinning).
/// </summary>
internal static class TsneRepulsionBenchmarks
{
    public static void Run(int points, int dims, int threads, int runs, TextWriter output)
    {
        output.WriteLine("| N | layout extent | method | grid | wall ms / call (fastest) | CPU ms / call |");
        output.WriteLine("|---|---|---|---|---|---|");
        var kernel = new TsneKernel(1);
        foreach (var extent in new[] { 10.0, 40.0, 80.0 })
        {
            var y = Layout(points, dims, extent);
            var force = new double[y.Length];
            var theta = new TsneOptions().ThetaFor(dims);
            var bh = new BarnesHutRepulsion(points, dims, kernel, theta, threads);
            var methods = new List<(string, IRepulsiveForces)> { (string.Create(CultureInfo.InvariantCulture, $"Barnes-Hut θ {theta}"), bh) };
            if (dims == 2)
            {
                methods.Insert(0, ("FFT", new FftRepulsion(points, kernel, threads)));
            }

            foreach (var (name, method) in methods)
            {
                method.Compute(y, force);
                var wall = new List<double>();
                var cpu = new List<double>();
                for (var r = 0; r < runs; r++)
                {
                    var c0 = Process.GetCurrentProcess().TotalProcessorTime;
                    var clock = Stopwatch.StartNew();
                    method.Compute(y, force);
                    wall.Add(clock.Elapsed.TotalMilliseconds);
                    cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - c0).TotalMilliseconds);
                }

                wall.Sort();
                cpu.Sort();
                var grid = method is FftRepulsion f ? $"{f.Intervals * FftRepulsion.NodesPerInterval}² nodes" : "-";
                var span = y.Max() - y.Min();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {points} | {span:F0} | {name} | {grid} | {wall[runs / 2]:F1} ({wall[0]:F2}) | {cpu[runs / 2]:F1} |"));
            }
        }
    }

    private static double[] Layout(int n, int dims, double extent)
    {
        var rng = new Random(1);
        var y = new double[dims * n];
        for (var i = 0; i < n; i++)
        {
            var angle = 2 * Math.PI * (i % 10) / 10;
            for (var d = 0; d < dims; d++)
            {
                var g = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                var centre = d switch { 0 => Math.Cos(angle), 1 => Math.Sin(angle), _ => Math.Cos(2 * angle) };
                y[(dims * i) + d] = (centre * extent / 3) + (g * extent / 12);
            }
        }

        return y;
    }
}
