using System.Text.Json;

namespace Projector.Cli.Tests.Commands;

public sealed class InspectCommandTests
{
    [Fact]
    public void Inspect_json_of_the_mnist_demo_has_10000_points_labels_and_a_sprite()
    {
        var run = CliRun.Of("inspect", "demo:mnist", "--json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var e = Assert.Single(doc.RootElement.GetProperty("embeddings").EnumerateArray());
        Assert.Equal(10000, e.GetProperty("points").GetInt32());
        Assert.Equal(784, e.GetProperty("dimensions").GetInt32());
        Assert.Equal("float32", e.GetProperty("dtype").GetString());
        var label = Assert.Single(e.GetProperty("metadata").EnumerateArray());
        Assert.Equal("label", label.GetProperty("name").GetString());
        Assert.Equal("number", label.GetProperty("kind").GetString());
        Assert.Equal(10, label.GetProperty("distinct").GetInt32());
        var sprite = e.GetProperty("sprite");
        Assert.Equal(2800, sprite.GetProperty("width").GetInt32());
        Assert.Equal(28, sprite.GetProperty("tileWidth").GetInt32());
        Assert.Empty(e.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public void Inspect_of_an_npz_reads_only_its_headers_so_a_member_inflating_to_256_MiB_costs_little()
    {
        using var dir = new TempDir();
        var path = dir.File("bomb.npz");
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        using (var entry = zip.CreateEntry("vectors.npy").Open())
        {
            entry.Write(NpyHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (67108864, 1), }"));
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 256; i++)
            {
                entry.Write(zeros);
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var run = CliRun.Of("inspect", path, "--json");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, run.ExitCode);
        Assert.True(allocated < 64L << 20, $"inspect allocated {allocated} bytes");
        using var doc = JsonDocument.Parse(run.Out);
        var e = Assert.Single(doc.RootElement.GetProperty("embeddings").EnumerateArray());
        Assert.Equal(64 << 20, e.GetProperty("points").GetInt32());
        Assert.Equal("vectors", e.GetProperty("name").GetString());
    }

    /// <summary>An .npy v1.0 preamble and header as numpy.save writes it (padded with spaces and a newline to 64 bytes).</summary>
    private static byte[] NpyHeader(string dict)
    {
        var length = ((10 + dict.Length + 1 + 63) / 64 * 64) - 10;
        byte[] text = [.. System.Text.Encoding.ASCII.GetBytes(dict.PadRight(length - 1)), (byte)'\n'];
        return [0x93, .. "NUMPY"u8, 1, 0, (byte)length, (byte)(length >> 8), .. text];
    }

    [Fact]
    public void Inspect_prints_a_table_with_the_metadata_columns()
    {
        using var dir = new TempDir();
        var path = dir.Write("v.tsv", "cat\t1\t2\ndog\t3\t4\n");
        var run = CliRun.Of("inspect", path);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("label (text, 2 distinct)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_of_bad_input_prints_one_line_and_exits_2()
    {
        using var dir = new TempDir();
        var path = dir.Write("v.tsv", "1\t2\n3\n");
        var run = CliRun.Of("inspect", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.StartsWith($"error: {path}:2:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_options_are_usage_errors_with_exit_code_2()
    {
        var run = CliRun.Of("inspect", "demo:mnist", "--no-such-option");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--no-such-option", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_warns_when_a_config_reaches_outside_its_folder()
    {
        using var dir = new TempDir();
        dir.Write("secret.tsv", "a\nb\n");
        dir.Write("site/t.bytes", new string('\0', 16));
        dir.Write("site/projector_config.json", """{"embeddings":[{"tensorName":"t","tensorShape":[2,2],"tensorPath":"t.bytes","metadataPath":"../secret.tsv"}]}""");
        var run = CliRun.Of("inspect", dir.File("site"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("names '../secret.tsv'", run.Out, StringComparison.Ordinal);
        Assert.Contains("outside the folder given", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_from_files_reach_the_terminal_with_control_codes_escaped()
    {
        using var dir = new TempDir();
        dir.Write("t.bytes", new string('\0', 16));
        dir.Write("projector_config.json", """{"embeddings":[{"tensorName":"x\u001b]0;pwned\u0007\u202e","tensorShape":[2,2],"tensorPath":"t.bytes","metadataPath":"gone\u001b[2J.tsv"}]}""");
        var run = CliRun.Of("inspect", dir.Path);
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain('\u001b', run.Out + run.Error);
        Assert.DoesNotContain('\u202e', run.Out + run.Error);
        Assert.Contains("\\x1b]0;pwned\\x07", run.Out, StringComparison.Ordinal);
        Assert.Contains("gone\\x1b[2J.tsv", run.Out, StringComparison.Ordinal);

        var bad = CliRun.Of("inspect", dir.File("nope\u001b[31m.npy"));
        Assert.Equal(2, bad.ExitCode);
        Assert.DoesNotContain('\u001b', bad.Error);
    }
}
