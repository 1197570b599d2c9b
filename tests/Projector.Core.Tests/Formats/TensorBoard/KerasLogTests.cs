using Projector.Core.Formats;
using Projector.Core.Formats.TensorBoard;
using Projector.Core.Formats.TensorBoard.Checkpoint;

namespace Projector.Core.Tests.Formats.TensorBoard;

/// <summary>Logs of Keras's TensorBoard callback: config in the log dir, checkpoints in <c>train/</c>.</summary>
public sealed class KerasLogTests
{
    [Theory]
    [InlineData(KerasNaming.VariableName, "embed/embeddings")]
    [InlineData(KerasNaming.ObjectPath, KerasLog.EmbeddingKey)]
    public void The_config_embedding_comes_from_the_newest_train_checkpoint_with_metadata(KerasNaming naming, string name)
    {
        using var dir = new TempDir();
        var logs = KerasLog.Write(dir.Path, naming);
        var all = TensorBoardReader.Read(logs, ReadOptions.Default);
        try
        {
            var d = all[0];
            Assert.Equal((name, KerasLog.EmbeddingKey, ".", 2L), (d.Name, d.CheckpointKey, d.Run, d.Step));
            Assert.Equal((KerasLog.Words, KerasLog.Dimensions), (d.Points, d.Dimensions));
            Assert.Equal(KerasLog.Embedding(2), d.Matrix.ToArray());
            Assert.Equal(KerasLog.WordList, d.Metadata.Columns[0].Values);
            Assert.Empty(d.Warnings);
        }
        finally
        {
            all.ToList().ForEach(d => d.Dispose());
        }
    }

    [Theory]
    [InlineData(KerasNaming.VariableName)]
    [InlineData(KerasNaming.ObjectPath)]
    public void Other_2D_float_variables_are_listed_too_but_not_optimizer_slots_vectors_or_integers(KerasNaming naming)
    {
        using var dir = new TempDir();
        var logs = KerasLog.Write(dir.Path, naming);
        var all = TensorBoardReader.Read(logs, ReadOptions.Default);
        try
        {
            Assert.Equal([KerasLog.EmbeddingKey, KerasLog.KernelKey], all.Select(d => d.CheckpointKey));
            var kernel = all[1];
            Assert.Equal((KerasLog.KernelKey, KerasLog.Dimensions, KerasLog.Units, 2L), (kernel.Name, kernel.Points, kernel.Dimensions, kernel.Step));
            Assert.Equal(KerasLog.Kernel(2), kernel.Matrix.ToArray());
        }
        finally
        {
            all.ToList().ForEach(d => d.Dispose());
        }
    }

    [Fact]
    public void The_run_is_the_log_dir_with_both_steps_and_a_note_on_where_they_are()
    {
        using var dir = new TempDir();
        var logs = KerasLog.Write(dir.Path, KerasNaming.VariableName);
        var run = Assert.Single(LogDirScanner.Scan(logs));
        Assert.Equal(".", run.Name);
        Assert.Equal([1L, 2L], run.Checkpoints.Select(c => c.Step!.Value));
        Assert.Equal(Path.Combine(logs, "train", "keras_embedding.ckpt-2"), run.Latest!.Prefix);
        Assert.Contains("train/", run.CheckpointNote, StringComparison.Ordinal);
        Assert.Contains("keras_embedding.ckpt-2", run.CheckpointNote, StringComparison.Ordinal);
    }

    [Fact]
    public void An_older_step_and_one_tensor_can_be_chosen_by_either_name()
    {
        using var dir = new TempDir();
        var logs = KerasLog.Write(dir.Path, KerasNaming.VariableName);
        using (var old = Assert.Single(TensorBoardReader.Read(logs, new ReadOptions { Step = 1, TensorName = "embed/embeddings:0" })))
        {
            Assert.Equal(KerasLog.Embedding(1), old.Matrix.ToArray());
        }

        using var byKey = Assert.Single(TensorBoardReader.Read(logs, new ReadOptions { TensorName = KerasLog.EmbeddingKey }));
        Assert.Equal("embed/embeddings", byKey.Name);
    }

    [Fact]
    public void A_tensor_name_that_matches_nothing_names_the_config_and_the_2D_tensors_there_are()
    {
        using var dir = new TempDir();
        var logs = KerasLog.Write(dir.Path, KerasNaming.VariableName, tensorName: "embedding_1/embeddings:0");
        var e = Assert.Throws<DataFormatException>(() => TensorBoardReader.Read(logs, ReadOptions.Default));
        Assert.Equal(Path.Combine(logs, "projector_config.pbtxt"), e.FilePath);
        Assert.Contains("'embedding_1/embeddings:0'", e.Problem, StringComparison.Ordinal);
        Assert.Contains($"{KerasLog.EmbeddingKey} [6, 4] (variable embed/embeddings)", e.Hint, StringComparison.Ordinal);
        Assert.Contains($"{KerasLog.KernelKey} [4, 3] (variable dense/kernel)", e.Hint, StringComparison.Ordinal);
        Assert.Contains($"{KerasLog.CountsKey} [6, 2] int32", e.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain("OPTIMIZER_SLOT", e.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void The_checkpoint_finds_a_variable_by_the_name_its_object_graph_records()
    {
        using var dir = new TempDir();
        var logs = KerasLog.Write(dir.Path, KerasNaming.VariableName);
        using var reader = CheckpointReader.Open(Path.Combine(logs, "train", "keras_embedding.ckpt-2"));
        Assert.Equal(KerasLog.EmbeddingKey, reader.Find("embed/embeddings:0")?.Name);
        Assert.Equal(KerasLog.EmbeddingKey, reader.Find("embed/embeddings")?.Name);
        Assert.Equal(KerasLog.KernelKey, reader.Find("dense/kernel:0")?.Name);
        Assert.Equal(KerasLog.KernelKey, reader.Find("layer_with_weights-1/kernel")?.Name);
        Assert.Null(reader.Find("embed/embeddings:x"));
        Assert.Null(reader.Find("dense/nothing"));
    }

    [Fact]
    public void A_child_folder_with_a_config_of_its_own_lends_no_checkpoints_and_the_parent_is_tried_last()
    {
        using var dir = new TempDir();
        var logs = KerasLog.Write(dir.Path, KerasNaming.ObjectPath);
        var config = Path.Combine(logs, "projector_config.pbtxt");
        File.Copy(config, Path.Combine(logs, "train", "projector_config.pbtxt"));
        var inner = Directory.CreateDirectory(Path.Combine(logs, "train", "inner")).FullName;
        File.Copy(config, Path.Combine(inner, "projector_config.pbtxt"));

        var runs = LogDirScanner.Scan(logs);
        Assert.Equal([".", "train", "train/inner"], runs.Select(r => r.Name));
        Assert.Null(runs[0].Latest);
        Assert.Null(runs[1].CheckpointNote);
        Assert.Equal(Path.Combine(logs, "train", "keras_embedding.ckpt-2"), runs[2].Latest!.Prefix);
        Assert.Contains("../", runs[2].CheckpointNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_is_preferred_over_other_child_folders_with_checkpoints()
    {
        using var dir = new TempDir();
        var logs = KerasLog.Write(dir.Path, KerasNaming.ObjectPath);
        var other = Directory.CreateDirectory(Path.Combine(logs, "aaa")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(logs, "train"), "keras_embedding.ckpt-1.*"))
        {
            File.Copy(file, Path.Combine(other, Path.GetFileName(file)));
        }

        var run = Assert.Single(LogDirScanner.Scan(logs), r => r.Name == ".");
        Assert.Equal(2, run.Latest!.Step);
        Assert.Contains(LogDirScanner.Scan(logs), r => r.Name == "aaa");
    }

    [Fact]
    public void A_damaged_checkpoint_file_in_train_is_reported_not_skipped()
    {
        using var dir = new TempDir();
        var logs = KerasLog.Write(dir.Path, KerasNaming.VariableName);
        var state = Path.Combine(logs, "train", "checkpoint");
        File.WriteAllText(state, "model_checkpoint_path: keras_embedding.ckpt-2\n");
        var e = Assert.Throws<DataFormatException>(() => LogDirScanner.Scan(logs));
        Assert.Equal(state, e.FilePath);
    }

    [Fact]
    public void A_config_whose_embeddings_are_all_TSV_files_borrows_no_checkpoint()
    {
        using var dir = new TempDir();
        var logs = KerasLog.Write(dir.Path, KerasNaming.ObjectPath);
        File.WriteAllText(Path.Combine(logs, "v.tsv"), "1\t2\n3\t4\n");
        File.WriteAllText(Path.Combine(logs, "projector_config.pbtxt"), "embeddings { tensor_name: \"v\" tensor_path: \"v.tsv\" }\n");
        var runs = LogDirScanner.Scan(logs);
        Assert.Equal([".", "train"], runs.Select(r => r.Name));
        Assert.Null(runs[0].Latest);
    }
}
