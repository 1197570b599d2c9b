using System.Runtime.InteropServices;
using System.Text.Json;
using Projector.Core.Tests.Formats.TensorBoard;

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

    [Theory]
    [InlineData(KerasNaming.VariableName, "embed/embeddings")]
    [InlineData(KerasNaming.ObjectPath, KerasLog.EmbeddingKey)]
    public void Inspect_of_a_keras_callback_log_shows_the_train_checkpoint_embedding_with_its_metadata(KerasNaming naming, string name)
    {
        using var dir = new TempDir();
        var logs = KerasLog.Write(dir.Path, naming);
        var run = CliRun.Of("inspect", logs, "--json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var r = Assert.Single(doc.RootElement.GetProperty("runs").EnumerateArray());
        Assert.Equal((".", 2L), (r.GetProperty("name").GetString(), r.GetProperty("latest").GetInt64()));
        Assert.Equal([1L, 2], r.GetProperty("steps").EnumerateArray().Select(s => s.GetInt64()));
        Assert.EndsWith(Path.Combine("train", "keras_embedding.ckpt-2"), r.GetProperty("checkpoint").GetString(), StringComparison.Ordinal);
        Assert.Contains("train/", r.GetProperty("note").GetString(), StringComparison.Ordinal);

        var embeddings = doc.RootElement.GetProperty("embeddings").EnumerateArray().ToList();
        Assert.Equal([name, KerasLog.KernelKey], embeddings.Select(e => e.GetProperty("name").GetString()));
        Assert.Equal([KerasLog.EmbeddingKey, KerasLog.KernelKey], embeddings.Select(e => e.GetProperty("checkpointKey").GetString()));
        var embedding = embeddings[0];
        Assert.Equal((KerasLog.Words, KerasLog.Dimensions, 2L), (embedding.GetProperty("points").GetInt32(), embedding.GetProperty("dimensions").GetInt32(), embedding.GetProperty("step").GetInt64()));
        var words = Assert.Single(embedding.GetProperty("metadata").EnumerateArray());
        Assert.Equal(("text", KerasLog.Words), (words.GetProperty("kind").GetString(), words.GetProperty("distinct").GetInt32()));
        Assert.Empty(embedding.GetProperty("warnings").EnumerateArray());
        Assert.Equal((KerasLog.Dimensions, KerasLog.Units), (embeddings[1].GetProperty("points").GetInt32(), embeddings[1].GetProperty("dimensions").GetInt32()));
        Assert.DoesNotContain("OPTIMIZER_SLOT", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_table_of_a_keras_callback_log_notes_where_the_checkpoint_came_from()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("inspect", KerasLog.Write(dir.Path, KerasNaming.VariableName));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("note", run.Out, StringComparison.Ordinal);
        Assert.Contains("train/", run.Out, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public void Convert_of_a_keras_callback_log_writes_the_newest_steps_values()
    {
        using var dir = new TempDir();
        var logs = KerasLog.Write(dir.Path, KerasNaming.VariableName);
        var output = dir.File("e.bytes");
        var run = CliRun.Of("convert", logs, output, "--tensor", "embed/embeddings:0");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(MemoryMarshal.AsBytes(KerasLog.Embedding(2).AsSpan()).ToArray(), File.ReadAllBytes(output));
    }

    [Fact]
    public void Inspect_of_a_keras_callback_log_whose_tensor_name_matches_nothing_lists_the_tensors_and_exits_2()
    {
        using var dir = new TempDir();
        var logs = KerasLog.Write(dir.Path, KerasNaming.VariableName, tensorName: "embedding/embeddings:0");
        var run = CliRun.Of("inspect", logs);
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains("projector_config.pbtxt", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{KerasLog.EmbeddingKey} [6, 4] (variable embed/embeddings)", run.Error, StringComparison.Ordinal);
    }
}
