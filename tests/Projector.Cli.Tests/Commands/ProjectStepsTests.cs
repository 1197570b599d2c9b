using System.Globalization;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Npy;
using Projector.Core.Formats.TensorBoard;
using Projector.Core.Projections;

namespace Projector.Cli.Tests.Commands;

public sealed class ProjectStepsTests
{
    [Fact]
    public void Steps_all_writes_one_aligned_layout_per_checkpoint()
    {
        using var dir = new TempDir();
        var log = Log(dir, [100, 200, 300]);

        var run = CliRun.Of("project", log, "--steps", "all", "-o", dir.File("layouts"), "--iterations", "250", "--threads", "2");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(["step-100.csv", "step-200.csv", "step-300.csv"], Directory.GetFiles(dir.File("layouts")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var lines = File.ReadAllLines(dir.File("layouts/step-200.csv"));
        Assert.Equal("x,y,label", lines[0]);
        Assert.Equal(121, lines.Length);
        Assert.Contains("points moved", run.Out, StringComparison.Ordinal);
        Assert.Contains("3 aligned layouts of 120 points (tsne", run.Out, StringComparison.Ordinal);
        var first = Layout(dir.File("layouts/step-100.csv"));
        var second = Layout(dir.File("layouts/step-200.csv"));
        Assert.True(StepAlignment.MeanDisplacement(first, second, 120, 2) < 0.2 * StepAlignment.Spread(first, 120, 2), run.Out);
    }

    [Fact]
    public void Chosen_steps_in_npy_and_several_files_of_the_same_rows_are_steps_too()
    {
        using var dir = new TempDir();
        var log = Log(dir, [1, 2, 3]);

        var chosen = CliRun.Of("project", log, "--steps", "3,1", "-o", dir.File("a"), "--method", "pca", "--layout-format", "npy");
        Assert.True(chosen.ExitCode == 0, chosen.Error);
        Assert.Equal(["step-1.npy", "step-3.npy"], Directory.GetFiles(dir.File("a")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using (var written = DatasetReader.Read(dir.File("a/step-3.npy"), ReadOptions.Default))
        {
            Assert.Equal((120, 2), (written.Points, written.Dimensions));
        }

        var files = new[] { 1, 2 }.Select(step => Npy(dir, $"e{step}.npy", step)).ToArray();
        var several = CliRun.Of("project", files[0], files[1], "--steps", "all", "-o", dir.File("b"), "--method", "umap", "--iterations", "50");
        Assert.True(several.ExitCode == 0, several.Error);
        Assert.Equal(["e1.csv", "e2.csv"], Directory.GetFiles(dir.File("b")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("missing-step", "has no checkpoint at step 7; steps: 1, 2")]
    [InlineData("not-a-log", "--steps needs a TensorBoard log dir with checkpoints")]
    [InlineData("file-output", "--steps writes one layout per step into a folder")]
    [InlineData("quality", "--quality applies to one layout, not to --steps")]
    [InlineData("several-without-steps", "several INPUTs are steps of the same rows: add --steps all")]
    [InlineData("bad-format", "--layout-format 'png' is not csv or")]
    public void Each_bad_use_of_steps_is_one_line_and_exit_code_2(string problem, string expected)
    {
        using var dir = new TempDir();
        var log = Log(dir, [1, 2]);
        var file = Npy(dir, "e.npy", 1);
        string[] args = problem switch
        {
            "missing-step" => ["project", log, "--steps", "1,7", "-o", dir.File("out")],
            "not-a-log" => ["project", file, "--steps", "all", "-o", dir.File("out")],
            "file-output" => ["project", log, "--steps", "all", "-o", dir.File("out.csv")],
            "quality" => ["project", log, "--steps", "all", "-o", dir.File("out"), "--quality"],
            "several-without-steps" => ["project", file, file, "-o", dir.File("out.csv")],
            _ => ["project", log, "--steps", "all", "-o", dir.File("out"), "--layout-format", "png"],
        };

        var run = CliRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    /// <summary>A TensorBoard run whose 120 points (three clusters) drift slowly over the steps, each step in a basis of its own.</summary>
    private static string Log(TempDir dir, long[] steps)
    {
        var folder = dir.File("log");
        var labels = Enumerable.Range(0, 120).Select(i => ((char)('a' + (i % 3))).ToString()).ToArray();
        foreach (var step in steps)
        {
            var log = new ProjectorLogWriter(folder);
            log.Add(new Dataset("embedding", EmbeddingMatrix.FromArray(Values((int)step), 120, 6), new MetadataTable(120, [new MetadataColumn("label", [.. labels])])));
            log.Write(step);
        }

        return folder;
    }

    private static string Npy(TempDir dir, string name, int step)
    {
        var path = dir.File(name);
        using var matrix = EmbeddingMatrix.FromArray(Values(step), 120, 6);
        NpyWriter.Write(path, matrix);
        return path;
    }

    private static float[] Values(int step)
    {
        var random = new Random(5);
        var values = new float[120 * 6];
        for (var i = 0; i < 120; i++)
        {
            for (var c = 0; c < 6; c++)
            {
                var centre = c == i % 3 ? 8.0 : 0.0;
                values[(i * 6) + c] = (float)(centre + random.NextDouble() + (0.001 * step * Math.Sin(i + c)));
            }
        }

        // Each step swaps two axes and flips one, as a network's embedding has no preferred basis.
        for (var i = 0; i < 120; i++)
        {
            var row = values.AsSpan(i * 6, 6);
            if (step % 2 == 0)
            {
                (row[0], row[1]) = (row[1], -row[0]);
            }
        }

        return values;
    }

    private static float[] Layout(string csv) =>
        [.. File.ReadAllLines(csv).Skip(1).SelectMany(l => l.Split(',').Take(2)).Select(v => float.Parse(v, CultureInfo.InvariantCulture))];
}
