using System.Diagnostics;
using System.Globalization;
using Projector.Core.Projections.Tsne;

namespace Projector.Bench.Projections;

/// <summary>
/// Barnes-Hut's opening angle θ in 2-D and 3-D: relative error of the normalised repulsion against the
/// exact sum (2,000 clustered points), and process CPU ms per evaluation on 10,000 clustered points of
/// extent 100 (about MNIST's once expanded), median of runs. Picks, per dimension, what θ gives the
/// accuracy 2-D has at θ 0.5.
/// </summary>
internal static class TsneThetaBenchmarks
{
    public static void Run(int runs, TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# load average at start: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        output.WriteLine("| dims | θ | relative error (2,000 points) | CPU ms / call (10,000 points) | ");
        output.WriteLine("|---|---|---|---|");
        var kernel = new TsneKernel(1);
        foreach (var dims in new[] { 2, 3 })
        {
            var small = Clustered(2000, dims, 11, 30);
            var exactForce = new double[small.Length];
            var exactZ = new ExactRepulsion(2000, dims, kernel, Environment.ProcessorCount).Compute(small, exactForce);
            for (var k = 0; k < exactForce.Length; k++)
            {
                exactForce[k] /= exactZ;
            }

            var large = Clustered(10_000, dims, 5, 100);
            foreach (var theta in new[] { 0.5, 0.6, 0.7, 0.8, 0.9 })
            {
                var bh = new BarnesHutRepulsion(2000, dims, kernel, theta, Environment.ProcessorCount);
                var force = new double[small.Length];
                var z = bh.Compute(small, force);
                double num = 0, den = 0;
                for (var k = 0; k < force.Length; k++)
                {
                    var diff = (force[k] / z) - exactForce[k];
                    num += diff * diff;
                    den += exactForce[k] * exactForce[k];
                }

                var big = new BarnesHutRepulsion(10_000, dims, kernel, theta, Environment.ProcessorCount);
                var largeForce = new double[large.Length];
                big.Compute(large, largeForce);
                var cpu = new List<double>();
                for (var r = 0; r < runs; r++)
                {
                    var c0 = Process.GetCurrentProcess().TotalProcessorTime;
                    big.Compute(large, largeForce);
                    cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - c0).TotalMilliseconds);
                }

                cpu.Sort();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {dims} | {theta:F1} | {Math.Sqrt(num / den):E2} | {cpu[runs / 2]:F1} |"));
            }
        }
    }

    private static double[] Clustered(int n, int dims, int seed, double extent)
    {
        var rng = new Random(seed);
        var centres = new double[8 * dims];
        for (var c = 0; c < centres.Length; c++)
        {
            centres[c] = ((rng.NextDouble() * 2) - 1) * extent;
        }

        var y = new double[n * dims];
        for (var i = 0; i < n; i++)
        {
            for (var d = 0; d < dims; d++)
            {
                var gaussian = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                y[(i * dims) + d] = centres[(i % 8 * dims) + d] + (gaussian * extent / 6);
            }
        }

        return y;
    }
}
