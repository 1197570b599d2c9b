using System.Text.Json;

namespace Projector.Cli.Tests.Commands;

public sealed class ConvertCommandTests
{
    [Theory]
    [InlineData("out.bytes")]
    [InlineData("out.npy")]
    [InlineData("out.tsv")]
    public void Convert_round_trips_vectors_through_every_writer(string output)
    {
        using var dir = new TempDir();
        var input = dir.Write("v.tsv", "0.5\t-1.25\t3\n1E-07\t2\t-0\n");
        var target = dir.File(output);
        var run = CliRun.Of("convert", input, target);
        Assert.Equal(0, run.ExitCode);
        var extra = output.EndsWith(".bytes", StringComparison.Ordinal) ? new[] { "--shape", "0,3" } : [];
        var back = CliRun.Of(["convert", target, dir.File("back.tsv"), .. extra]);
        Assert.Equal(0, back.ExitCode);
        Assert.Equal(File.ReadAllText(input), File.ReadAllText(dir.File("back.tsv")));
    }

    [Fact]
    public void Convert_to_json_writes_the_standalone_layout_with_metadata()
    {
        using var dir = new TempDir();
        var input = dir.Write("v.tsv", "cat\t1\t2\ndog\t3\t4\n");
        var config = dir.File("site/projector_config.json");
        Assert.Equal(0, CliRun.Of("convert", input, config).ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllText(config));
        var e = Assert.Single(doc.RootElement.GetProperty("embeddings").EnumerateArray());
        Assert.Equal("v.bytes", e.GetProperty("tensorPath").GetString());
        Assert.Equal([2, 2], e.GetProperty("tensorShape").EnumerateArray().Select(x => x.GetInt32()));
        Assert.Equal("cat\ndog\n", File.ReadAllText(dir.File("site/v_metadata.tsv")));
        var inspect = CliRun.Of("inspect", dir.File("site"), "--json");
        Assert.Contains("\"points\":2", inspect.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_refuses_to_overwrite_its_input()
    {
        using var dir = new TempDir();
        var input = dir.Write("v.tsv", "1\t2\n");
        var run = CliRun.Of("convert", input, input);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("1\t2\n", File.ReadAllText(input));
    }

    [Fact]
    public void Convert_says_when_metadata_is_left_behind_and_writes_it_on_request()
    {
        using var dir = new TempDir();
        var input = dir.Write("v.tsv", "cat\t1\t2\n");
        var run = CliRun.Of("convert", input, dir.File("o.bytes"));
        Assert.Contains("--metadata-out", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, CliRun.Of("convert", input, dir.File("o2.bytes"), "--metadata-out", dir.File("m.tsv")).ExitCode);
        Assert.Equal("cat\n", File.ReadAllText(dir.File("m.tsv")));
    }

    [Fact]
    public void Convert_of_raw_bytes_with_a_wrong_shape_is_one_line_with_exit_code_2()
    {
        using var dir = new TempDir();
        var input = dir.File("t.bytes");
        File.WriteAllBytes(input, new byte[48]);
        var run = CliRun.Of("convert", input, dir.File("o.tsv"), "--shape", "5,3");
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.EndsWith("(--shape 4,3)", run.Error.TrimEnd(), StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("o.tsv")));
        Assert.Equal(2, CliRun.Of("convert", input, dir.File("o.tsv"), "--shape", "five").ExitCode);
    }
}
