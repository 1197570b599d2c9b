using System.Text.Json;

namespace Projector.Cli.Tests.Commands;

public sealed class TensorBoardCommandTests
{
    private static string? FixtureRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures", "projector");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    [Fact]
    public void Inspect_of_a_log_dir_lists_runs_steps_and_embeddings_in_json()
    {
        var root = FixtureRoot();
        Assert.SkipWhen(root is null, "the shared projector fixtures are not on this machine");
        var run = CliRun.Of("inspect", Path.Combine(root!, "tb-tf1-ckpt-history"), "--json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var r = Assert.Single(doc.RootElement.GetProperty("runs").EnumerateArray());
        Assert.Equal([5L, 6, 7, 8, 9], r.GetProperty("steps").EnumerateArray().Select(s => s.GetInt64()));
        var e = Assert.Single(doc.RootElement.GetProperty("embeddings").EnumerateArray());
        Assert.Equal((".", 9L, "embed_var"), (e.GetProperty("run").GetString(), e.GetProperty("step").GetInt64(), e.GetProperty("name").GetString()));
        Assert.Equal(874, e.GetProperty("points").GetInt32());
    }

    [Fact]
    public void Convert_of_one_step_writes_the_exact_float32_values()
    {
        var root = FixtureRoot();
        Assert.SkipWhen(root is null, "the shared projector fixtures are not on this machine");
        using var dir = new TempDir();
        var output = dir.File("e5.bytes");
        var run = CliRun.Of("convert", Path.Combine(root!, "tb-tf1-ckpt-history"), output, "--tensor", "embed_var:0", "--run", ".", "--step", "5");
        Assert.Equal(0, run.ExitCode);
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(root!, "tb-tf1-ckpt-history", "GROUND_TRUTH.json")));
        var expected = truth.RootElement.GetProperty("checkpoint embedding-5")[0].GetProperty("sha256_f32").GetString();
        Assert.Equal(expected, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(output))));
    }

    [Fact]
    public void Convert_of_a_missing_step_names_the_steps_that_exist()
    {
        var root = FixtureRoot();
        Assert.SkipWhen(root is null, "the shared projector fixtures are not on this machine");
        using var dir = new TempDir();
        var run = CliRun.Of("convert", Path.Combine(root!, "tb-tf1-ckpt-history"), dir.File("x.bytes"), "--step", "77");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("5, 6, 7, 8, 9", run.Error, StringComparison.Ordinal);
    }
}
