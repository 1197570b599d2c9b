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
    public void Project_with_uniform_affinities_lays_out_from_15_neighbours_and_refuses_an_unknown_kernel()
    {
        using var dir = new TempDir();
        var input = dir.Write("blobs.tsv", Blobs(60, 5));
        var run = CliRun.Of("project", input, "--method", "tsne", "--affinity", "uniform", "--iterations", "200", "-o", dir.File("u.npy"), "--quality", "--labels", "label");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("label accuracy 1.000", run.Out, StringComparison.Ordinal);
        Assert.Equal(0, CliRun.Of("project", input, "--method", "tsne", "--iterations", "200", "-o", dir.File("g.npy")).ExitCode);
        Assert.NotEqual(File.ReadAllBytes(dir.File("g.npy")), File.ReadAllBytes(dir.File("u.npy")));
        Assert.Equal(2, CliRun.Of("project", input, "--method", "tsne", "--affinity", "cauchy", "-o", dir.File("x.npy")).ExitCode);
    }

    [Fact]
    public void Project_refuses_a_layout_over_the_memory_limit_in_one_line_and_writes_nothing()
    {
        using var dir = new TempDir();
        var input = dir.Write("blobs.tsv", Blobs(60, 5));
        var output = dir.File("t.npy");
        var run = CliRun.Of("project", input, "--method", "tsne", "--memory-limit", "0.0001", "-o", output);
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: t-SNE with Gaussian affinities over", line, StringComparison.Ordinal);
        Assert.Contains("0.0 GB are available: choose uniform affinities", line, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Equal(2, CliRun.Of("project", input, "--method", "umap", "--memory-limit", "-1", "-o", output).ExitCode);
        Assert.Equal(0, CliRun.Of("project", input, "--method", "umap", "--memory-limit", "4", "--iterations", "50", "-o", output).ExitCode);
        Assert.True(File.Exists(output));
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

    [Fact]
    public void Project_writes_each_points_cluster_named_by_its_label()
    {
        using var dir = new TempDir();
        var input = dir.Write("blobs.tsv", Blobs(200, 5));
        var clusters = dir.File("clusters.tsv");
        var run = CliRun.Of("project", input, "--method", "pca", "-o", dir.File("layout.npy"), "--clusters", clusters);
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = File.ReadAllLines(clusters);
        Assert.Equal("cluster\tlabel", lines[0]);
        Assert.Equal(201, lines.Length);
        var rows = lines.Skip(1).Select(l => l.Split('\t')).ToList();
        Assert.Equal(["a (100%)", "b (100%)"], rows.Where(r => r[0] != "-1").Select(r => r[1]).Distinct().Order(StringComparer.Ordinal));
        Assert.All(rows.Where((_, i) => i % 2 == 0 && rows[i][0] != "-1"), r => Assert.Equal("a (100%)", r[1]));
        Assert.Contains("2 clusters", run.Out, StringComparison.Ordinal);
        Assert.Equal(2, CliRun.Of("project", input, "--method", "pca", "-o", dir.File("x.npy"), "--clusters", clusters, "--min-cluster-size", "1").ExitCode);
        Assert.Equal(2, CliRun.Of("project", input, input, "--steps", "all", "-o", dir.File("steps"), "--clusters", clusters).ExitCode);
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
