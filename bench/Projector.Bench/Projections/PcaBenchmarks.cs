using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using Projector.Core.Data;
using Projector.Core.Projections.Pca;
using Projector.Demos;

namespace Projector.Bench.Projections;

/// <summary>
/// PCA 784 → 50 of the MNIST demo (10,000 rows): fit and projection, the library's solver against the
/// scatter matrix it used before (one SIMD dot product per entry), alternated in one run, with the
/// explained variance and the projected coordinates compared against a full double-precision
/// eigen-decomposition of the same covariance.
/// </summary>
internal static class PcaBenchmarks
{
    public static void Run(int runs, int components, TextWriter output)
    {
        using var demo = MnistDemo.Load();
        var data = demo.Matrix;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# load average at start: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# PCA of {MnistDemo.Name}: {data.Rows} x {data.Dimensions} -> {components}, {Environment.ProcessorCount} cores, {runs} runs alternating"));
        var options = new PcaOptions { Components = components };

        if (Environment.GetEnvironmentVariable("PROJECTOR_BENCH_PCA_COLD_SPLIT") == "1")
        {
            // Where a fresh process spends its first fit: each stage timed on its first call.
            var watch = Stopwatch.StartNew();
            var m = PcaMath.Mean(data, true, false, default);
            var t1 = watch.Elapsed.TotalSeconds;
            var sc = BlockedProducts.Scatter(data, m, false, null, default);
            var t2 = watch.Elapsed.TotalSeconds;
            var dd = data.Dimensions;
            var f = new double[dd * dd];
            for (var i = 0; i < dd; i++)
            {
                for (var j = i; j < dd; j++)
                {
                    f[(i * dd) + j] = f[(j * dd) + i] = sc[(i * dd) + j] / (data.Rows - 1.0);
                }
            }

            var t3 = watch.Elapsed.TotalSeconds;
            LanczosEigen.Largest(f, dd, components, 42);
            var t4 = watch.Elapsed.TotalSeconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# first calls: mean {t1:F3} s, scatter {t2 - t1:F3} s, symmetric copy {t3 - t2:F3} s, Lanczos {t4 - t3:F3} s"));
        }

        // The first fit in the process pays for the JIT (as a CLI run does); the timed runs after it do not.
        var coldClock = Stopwatch.StartNew();
        PrincipalComponents.Fit(data, options).Transform(data).Dispose();
        var cold = coldClock.Elapsed.TotalSeconds;
        DotProductScatter(data, PcaMath.Mean(data, true, false, default));

        var library = new List<(double Fit, double Project)>();
        var cpuTimes = new List<double>();
        var before = new List<double>();
        PcaResult? pca = null;
        for (var r = 0; r < runs; r++)
        {
            var clock = Stopwatch.StartNew();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            pca = PrincipalComponents.Fit(data, options);
            var fit = clock.Elapsed.TotalSeconds;
            clock.Restart();
            pca.Transform(data).Dispose();
            library.Add((fit, clock.Elapsed.TotalSeconds));
            cpuTimes.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);

            clock.Restart();
            DotProductScatter(data, PcaMath.Mean(data, true, false, default));
            before.Add(clock.Elapsed.TotalSeconds);
        }

        var fits = library.Select(t => t.Fit).Order().ToArray();
        var projections = library.Select(t => t.Project).Order().ToArray();
        var totals = library.Select(t => t.Fit + t.Project).Order().ToArray();
        var scatterBefore = before.Order().ToArray();
        var clock2 = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var scatter = BlockedProducts.Scatter(data, pca!.Mean, false, null, default);
        var scatterNow = clock2.Elapsed.TotalSeconds;
        var scatterCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        clock2.Restart();
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        DotProductScatter(data, pca.Mean);
        var beforeCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var beforeWall = clock2.Elapsed.TotalSeconds;
        clock2.Restart();
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var full = new double[data.Dimensions * data.Dimensions];
        for (var i = 0; i < data.Dimensions; i++)
        {
            for (var j = i; j < data.Dimensions; j++)
            {
                full[(i * data.Dimensions) + j] = full[(j * data.Dimensions) + i] = scatter[(i * data.Dimensions) + j] / (data.Rows - 1.0);
            }
        }

        LanczosEigen.Largest(full, data.Dimensions, components, 42);
        var lanczos = clock2.Elapsed.TotalSeconds;
        var lanczosCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# one more scatter matrix: tiles {scatterNow:F3} s wall, {scatterCpu:F3} s CPU; dot products {beforeWall:F3} s wall, {beforeCpu:F3} s CPU; Lanczos for {components} of the covariance {lanczos:F3} s wall, {lanczosCpu:F3} s CPU"));

        // Accuracy: the full eigen-decomposition of the covariance, in double, as the reference.
        var d = data.Dimensions;
        var n1 = data.Rows - 1.0;
        var cov = Matrix<double>.Build.Dense(d, d, (i, j) => (i <= j ? scatter[(i * d) + j] : scatter[(j * d) + i]) / n1);
        var evd = cov.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var worstVariance = 0.0;
        var worstAngle = 0.0;
        for (var c = 0; c < components; c++)
        {
            var col = d - 1 - c;
            var exact = evd.EigenValues[col].Real;
            worstVariance = Math.Max(worstVariance, Math.Abs(pca.ExplainedVariance[c] - exact) / exact);
            var dot = 0.0;
            for (var j = 0; j < d; j++)
            {
                dot += pca.Component(c)[j] * evd.EigenVectors[j, col];
            }

            worstAngle = Math.Max(worstAngle, 1 - Math.Abs(dot));
        }

        var total = evd.EigenValues.Sum(v => v.Real);
        var explainedExact = Enumerable.Range(0, components).Sum(c => evd.EigenValues[d - 1 - c].Real) / total;
        var explained = pca.ExplainedVarianceRatio.Sum();

        output.WriteLine("| runs | first fit + projection in the process s | fit s (median) | projection s (median) | fit + projection s (median, min–max) | CPU s (median) | scatter matrix s: dot products (before) / tiles | explained variance ratio: library / exact | worst relative variance error | worst 1 − \\|cos\\| to the exact component |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {runs} | {cold:F3} | {fits[runs / 2]:F3} | {projections[runs / 2]:F3} | {totals[runs / 2]:F3} ({totals[0]:F3}–{totals[^1]:F3}) | {cpuTimes.Order().ElementAt(runs / 2):F3} | {scatterBefore[runs / 2]:F3} / {scatterNow:F3} | {explained:F6} / {explainedExact:F6} | {worstVariance:E1} | {worstAngle:E1} |"));
    }

    /// <summary>The scatter matrix as computed before the tiled kernel: one float dot product per entry over column copies of 2,048-row blocks.</summary>
    private static double[] DotProductScatter(EmbeddingMatrix data, float[] mean)
    {
        var d = data.Dimensions;
        const int partitions = 16;
        var partials = new double[partitions][];
        Parallel.For(0, partitions, p =>
        {
            var acc = new double[d * d];
            var start = (int)((long)data.Rows * p / partitions);
            var end = (int)((long)data.Rows * (p + 1) / partitions);
            var columns = new float[d][];
            for (var b = start; b < end; b += PcaMath.BlockRows)
            {
                var count = Math.Min(PcaMath.BlockRows, end - b);
                for (var j = 0; j < d; j++)
                {
                    columns[j] = new float[count];
                    for (var r = 0; r < count; r++)
                    {
                        columns[j][r] = data[b + r, j] - mean[j];
                    }
                }

                for (var a = 0; a < d; a++)
                {
                    for (var c = a; c < d; c++)
                    {
                        acc[(a * d) + c] += TensorPrimitives.Dot(columns[a], columns[c]);
                    }
                }
            }

            partials[p] = acc;
        });
        var total = new double[d * d];
        foreach (var p in partials)
        {
            TensorPrimitives.Add(total, p, total);
        }

        return total;
    }
}
