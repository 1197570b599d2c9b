using MnistTrainingSample;
using Projector.Demos;

namespace Projector.Cli.Tests.Samples;

/// <summary>
/// The MNIST training sample in docs/samples: its network learns, and the log it writes is one the CLI
/// reads and compares step by step.
/// </summary>
public sealed class MnistTrainingSampleTests
{
    [Fact]
    public void Training_tightens_the_digits_and_the_log_is_read_by_inspect_and_project_steps_all()
    {
        using var dir = new TempDir();
        using var digits = MnistDemo.Load(TestContext.Current.CancellationToken);
        using var output = new StringWriter();

        var reports = DigitTraining.Run(digits, dir.Path, [100, 300], seed: 1, output, TestContext.Current.CancellationToken);

        Assert.Equal([100L, 300L], reports.Select(r => r.Step));
        Assert.True(reports[1].Loss < reports[0].Loss, output.ToString());
        Assert.True(reports[1].Accuracy > reports[0].Accuracy, output.ToString());
        Assert.True(reports[1].NeighbourAgreement > reports[0].NeighbourAgreement, output.ToString());
        Assert.InRange(reports[1].Accuracy, 0.8, 1.0);

        var inspect = CliRun.Of("inspect", dir.Path);
        Assert.True(inspect.ExitCode == 0, inspect.Error);
        Assert.Contains($"run {DigitTraining.RunName}: steps 100, 300", inspect.Out, StringComparison.Ordinal);
        Assert.Contains("predicted", inspect.Out, StringComparison.Ordinal);

        var project = CliRun.Of("project", dir.Path, "--steps", "all", "-o", dir.File("layouts"), "--method", "pca");
        Assert.True(project.ExitCode == 0, project.Error);
        Assert.Equal(["step-100.csv", "step-300.csv"], Directory.GetFiles(dir.File("layouts")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var lines = File.ReadAllLines(dir.File("layouts/step-300.csv"));
        Assert.Equal("x,y,label,predicted", lines[0]);
        Assert.Equal(DigitTraining.HeldOut + 1, lines.Length);
    }

    [Fact]
    public void The_same_seed_writes_the_same_log()
    {
        using var dir = new TempDir();
        using var digits = MnistDemo.Load(TestContext.Current.CancellationToken);

        DigitTraining.Run(digits, dir.File("a"), [20], seed: 3, TextWriter.Null, TestContext.Current.CancellationToken);
        DigitTraining.Run(digits, dir.File("b"), [20], seed: 3, TextWriter.Null, TestContext.Current.CancellationToken);
        DigitTraining.Run(digits, dir.File("c"), [20], seed: 4, TextWriter.Null, TestContext.Current.CancellationToken);

        var data = $"{DigitTraining.RunName}/embeddings.ckpt-20.data-00000-of-00001";
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.File("a"), data)), File.ReadAllBytes(Path.Combine(dir.File("b"), data)));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(dir.File("a"), data)), File.ReadAllBytes(Path.Combine(dir.File("c"), data)));
    }

    [Fact]
    public void Steps_must_be_positive_and_ascending()
    {
        using var digits = MnistDemo.Load(TestContext.Current.CancellationToken);

        Assert.Throws<ArgumentException>(() => DigitTraining.Run(digits, "unused", [300, 100], 1, TextWriter.Null, TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentException>(() => DigitTraining.Run(digits, "unused", [0], 1, TextWriter.Null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Backpropagated_gradients_match_finite_differences()
    {
        var random = new Random(7);
        const int rows = 4;
        var pixels = new float[rows * DigitNetwork.Pixels];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = random.NextSingle();
        }

        int[] labels = [3, 7, 0, 9];
        var network = new DigitNetwork(seed: 11);
        network.Gradients(pixels, labels, rows);
        var analytic = network.Layers.Select(l => l.WeightGradient.ToArray()).ToArray();

        for (var l = 0; l < network.Layers.Count; l++)
        {
            var weights = network.Layers[l].Weights;

            // The largest gradients, whose finite differences stand well above float rounding.
            foreach (var i in Enumerable.Range(0, weights.Length).OrderByDescending(i => Math.Abs(analytic[l][i])).Take(3))
            {
                const float h = 1e-2f;
                var kept = weights[i];
                weights[i] = kept + h;
                var up = network.Gradients(pixels, labels, rows);
                weights[i] = kept - h;
                var down = network.Gradients(pixels, labels, rows);
                weights[i] = kept;
                var numeric = (up - down) / (2 * h);
                Assert.True(Math.Abs(numeric - analytic[l][i]) <= 0.05 * Math.Abs(analytic[l][i]), $"layer {l} weight {i}: backprop {analytic[l][i]}, finite difference {numeric}");
            }
        }
    }
}
