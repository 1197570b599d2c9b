using System.Diagnostics;
using System.Globalization;
using Projector.Bench.Onnx;
using Projector.Core.Data;
using Projector.Core.Formats.TensorBoard;
using Projector.Core.Projections;
using Projector.Demos;

namespace Projector.Bench.Projections;

/// <summary>
/// <c>steps</c>: a 5-checkpoint "training run" (the 64-wide embedding of demo:mnist by the digit CNN whose
/// weights drift a little from checkpoint to checkpoint), written as a TensorBoard log, then laid out with
/// <see cref="ProjectionRecipe.ComputeSteps"/> (each step started from and turned onto the one before) and,
/// for comparison, step by step on its own. Prints the time and how far points move between consecutive
/// layouts, against the layout's spread.
/// </summary>
internal static class StepBenchmarks
{
    public static void Run(string dir, int checkpoints, string methods, TextWriter output)
    {
        var log = Path.Combine(dir, "steps-log");
        if (Directory.Exists(log))
        {
            Directory.Delete(log, recursive: true);
        }

        using var digits = MnistDemo.Load();
        var steps = new List<Dataset>();
        try
        {
            for (var k = 0; k < checkpoints; k++)
            {
                var embedded = EmbedBenchmarks.Checkpoint(digits, drift: k);
                steps.Add(embedded);
                new ProjectorLogWriter(log).Add(new Dataset("embedding", embedded.Matrix, digits.Metadata)).Write(1000L * (k + 1));
            }

            output.WriteLine($"# {checkpoints} checkpoints of demo:mnist {digits.Points} x 64 in {log} ({Environment.ProcessorCount} cores)");
            output.WriteLine("| method | aligned steps s | per step s | moved between steps, aligned (% of spread) | independent layouts (% of spread) |");
            output.WriteLine("|---|---|---|---|---|");
            foreach (var method in methods.Split(',').Select(m => ProjectionRecipe.ParseMethod(m) ?? throw new ArgumentException($"unknown method {m}")))
            {
                var recipe = new ProjectionRecipe { Method = method };
                var clock = Stopwatch.StartNew();
                var aligned = recipe.ComputeSteps([.. steps.Select(s => s.Matrix)]);
                var seconds = clock.Elapsed.TotalSeconds;
                var independent = steps.Select(s => recipe.Compute(s.Matrix).FirstColumns(2)).ToList();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {ProjectionRecipe.NameOf(method)} | {seconds:F1} | {seconds / checkpoints:F1} | {Shifts(aligned.Select(l => l.Positions).ToList(), digits.Points)} | {Shifts(independent, digits.Points)} |"));
                output.Flush();
            }
        }
        finally
        {
            steps.ForEach(s => s.Dispose());
        }
    }

    private static string Shifts(IReadOnlyList<float[]> layouts, int points) =>
        string.Join(" ", layouts.Zip(layouts.Skip(1), (a, b) => (100 * StepAlignment.MeanDisplacement(a, b, points, 2) / StepAlignment.Spread(a, points, 2)).ToString("F1", CultureInfo.InvariantCulture)));
}
