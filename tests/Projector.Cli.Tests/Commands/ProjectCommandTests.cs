using System.Globalization;

namespace Projector.Cli.Tests.Commands;

public sealed class ProjectCommandTests
{
    [Theory]
    [InlineData("pca")]
    [InlineData("tsne")]
    [InlineData("umap")]
    public void Project_separates_two_blobs_and_reports_quality(string method)
    {
        using var dir = new TempDir();
        var input = dir.Write("blobs.tsv", Blobs(60, 5));
        var output = dir.File("layout.csv");
        var run = CliRun.Of("project", input, "--method", method, "-o", output, "--quality", "--labels", "label", "--iterations", "200");
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = File.ReadAllLines(output);
        Assert.Equal("x,y,label", lines[0]);
        Assert.Equal(61, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.True(float.IsFinite(float.Parse(l.Split(',')[0], CultureInfo.InvariantCulture))));
        Assert.Contains("label accuracy 1.000", run.Out, StringComparison.Ordinal);
        Assert.Contains("trustworthiness", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Project_with_the_same_seed_writes_the_same_bytes()
    {
        using var dir = new TempDir();
        var input = dir.Write("blobs.tsv", Blobs(40, 4));
        Assert.Equal(0, CliRun.Of("project", input, "--method", "tsne", "--iterations", "100", "-o", dir.File("a.npy")).ExitCode);
        Assert.Equal(0, CliRun.Of("project", input, "--method", "tsne", "--iterations", "100", "-o", dir.File("b.npy")).ExitCode);
        Assert.Equal(File.ReadAllBytes(dir.File("a.npy")), File.ReadAllBytes(dir.File("b.npy")));
    }

    [Fact]
    public void Project_refuses_bad_dims_an_unknown_label_column_and_an_unknown_output_format()
    {
        using var dir = new TempDir();
        var input = dir.Write("blobs.tsv", Blobs(20, 3));
        Assert.Equal(2, CliRun.Of("project", input, "--dims", "4", "-o", dir.File("x.npy")).ExitCode);
        Assert.Equal(2, CliRun.Of("project", input, "--labels", "nope", "-o", dir.File("x.npy")).ExitCode);
        Assert.Equal(2, CliRun.Of("project", input, "-o", dir.File("x.png")).ExitCode);
    }

    private static string Blobs(int n, int d)
    {
        var rng = new Random(9);
        var lines = Enumerable.Range(0, n).Select(i =>
        {
            var centre = i % 2 == 0 ? 0 : 20;
            var values = Enumerable.Range(0, d).Select(_ => (centre + rng.NextDouble()).ToString(CultureInfo.InvariantCulture));
            return $"{(i % 2 == 0 ? "a" : "b")}\t{string.Join('\t', values)}";
        });
        return string.Join('\n', lines) + "\n";
    }
}
