using System.Globalization;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Imaging.Png;
using Projector.Onnx.Tests;

namespace Projector.Cli.Tests.Commands;

public sealed class EmbedCommandTests
{
    [Fact]
    public void List_shows_inputs_outputs_and_intermediate_tensors_with_their_shapes()
    {
        using var dir = new TempDir();
        var model = Model(dir, TestModels.BuildCnn().Bytes);

        var run = CliRun.Of("embed", model, "--list");

        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Out.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("x ", StringComparison.Ordinal) && l.Contains("[N, 1, 8, 8]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("probs ", StringComparison.Ordinal) && l.Contains("Softmax (softmax)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("conv_act ", StringComparison.Ordinal) && l.Contains("[N, 4, 8, 8]*", StringComparison.Ordinal) && l.Contains("Relu", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("flat_out ", StringComparison.Ordinal) && l.Contains("[N, 64]*", StringComparison.Ordinal));
        Assert.Contains("* shape inferred by ONNX Runtime", run.Out, StringComparison.Ordinal);
        Assert.Contains("default layer: probs", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Embed_writes_a_layer_of_every_row_in_any_format_convert_writes()
    {
        using var dir = new TempDir();
        var mlp = TestModels.BuildMlp();
        var model = Model(dir, mlp.Bytes);
        var input = dir.Write("v.tsv", Vectors(12, 4));

        var run = CliRun.Of("embed", model, input, "-o", dir.File("out.npy"), "--layer", "r1", "--batch", "5");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("12 x 8 from layer 'r1'", run.Out, StringComparison.Ordinal);
        Assert.Contains("rows/s", run.Out, StringComparison.Ordinal);
        using var written = DatasetReader.Read(dir.File("out.npy"), ReadOptions.Default);
        Assert.Equal((12, 8), (written.Points, written.Dimensions));
    }

    [Fact]
    public void An_image_folder_exports_with_its_labels_file_names_and_sprite()
    {
        using var dir = new TempDir();
        var model = Model(dir, TestModels.BuildCnn(channels: 3).Bytes);
        Image(dir, "images/cat/a.png", 1);
        Image(dir, "images/cat/b.png", 2);
        Image(dir, "images/dog/c.png", 3);

        var run = CliRun.Of("embed", model, dir.File("images"), "-o", dir.File("out"), "--export", "standalone", "--layer", "conv_act", "--pool", "max");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("3 x 4 from layer 'conv_act'", run.Out, StringComparison.Ordinal);
        using var written = DatasetReader.Read(dir.File("out"), ReadOptions.Default);
        Assert.Equal((3, 4), (written.Points, written.Dimensions));
        Assert.Equal(["cat", "cat", "dog"], written.Metadata["label"]!.Values);
        Assert.Equal(["a.png", "b.png", "c.png"], written.Metadata["file"]!.Values);
        Assert.NotNull(written.Sprite);
        Assert.Equal(8, written.Sprite!.TileWidth);
    }

    [Fact]
    public void The_mnist_demo_goes_through_a_model_of_digits()
    {
        using var dir = new TempDir();
        var model = Model(dir, TestModels.BuildMlp(inputs: 784, hidden: 16, classes: 10).Bytes);

        var run = CliRun.Of("embed", model, "demo:mnist", "-o", dir.File("digits.tsv"), "--layer", "r1", "--batch", "256");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("10000 x 16", run.Out.Replace(",", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("note: the metadata (label)", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-onnx", "is not an ONNX model")]
    [InlineData("layer", "has no layer named 'relu'. Nearest names: r1 (node relu1), ")]
    [InlineData("input", "has no input named 'pixels'")]
    [InlineData("shape", "rows have 3 values but the model's input 'x' [N, 4] takes 4 per row")]
    [InlineData("no-output", "embed needs INPUT and -o OUT")]
    [InlineData("format", "cannot tell the output format of")]
    [InlineData("batch", "--batch must be at least 1")]
    [InlineData("mean", "--mean 'a,b' is not one number")]
    public void Each_bad_input_is_one_line_and_exit_code_2(string problem, string expected)
    {
        using var dir = new TempDir();
        var model = Model(dir, TestModels.BuildMlp().Bytes);
        var input = dir.Write("v.tsv", Vectors(3, problem == "shape" ? 3 : 4));
        var output = dir.File("out.npy");
        string[] args = problem switch
        {
            "not-onnx" => ["embed", input, input, "-o", output],
            "layer" => ["embed", model, input, "-o", output, "--layer", "relu"],
            "input" => ["embed", model, input, "-o", output, "--input", "pixels"],
            "no-output" => ["embed", model, input],
            "format" => ["embed", model, input, "-o", dir.File("out.xyz")],
            "batch" => ["embed", model, input, "-o", output, "--batch", "0"],
            "mean" => ["embed", model, input, "-o", output, "--mean", "a,b"],
            _ => ["embed", model, input, "-o", output],
        };

        var run = CliRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);

        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Ctrl_c_cancels_with_exit_code_130_and_writes_nothing()
    {
        using var dir = new TempDir();
        var model = Model(dir, TestModels.BuildMlp().Bytes);
        var input = dir.Write("v.tsv", Vectors(5, 4));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = CliApp.Run(["embed", model, input, "-o", dir.File("out.npy")], stdout, stderr, cancellationToken: cancel.Token);

        Assert.Equal(130, code);
        Assert.False(File.Exists(dir.File("out.npy")));
    }

    private static string Model(TempDir dir, byte[] bytes)
    {
        var path = dir.File("model.onnx");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string Vectors(int rows, int dims)
    {
        var random = new Random(4);
        return string.Join('\n', Enumerable.Range(0, rows).Select(_ => string.Join('\t', Enumerable.Range(0, dims).Select(_ => random.NextDouble().ToString("F4", CultureInfo.InvariantCulture))))) + "\n";
    }

    private static void Image(TempDir dir, string path, int seed)
    {
        var pixels = new byte[8 * 8 * 4];
        new Random(seed).NextBytes(pixels);
        var full = dir.File(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, PngEncoder.Encode(new RgbaImage(8, 8, pixels)));
    }
}
