using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.TensorBoard;
using Projector.Core.Tests.Formats.Standalone;

namespace Projector.Core.Tests.Formats.TensorBoard;

public sealed class ProjectorLogWriterTests
{
    [Fact]
    public void Checkpoint_mode_writes_steps_that_read_back_bit_for_bit()
    {
        using var dir = new TempDir();
        var run = Path.Combine(dir.Path, "logs", "run1");
        var writer = new ProjectorLogWriter(run);
        using var early = Make(50, 8, seed: 1);
        writer.Add(early).Write(step: 100);
        var later = new ProjectorLogWriter(run);
        using var late = Make(50, 8, seed: 2);
        later.Add(late).Write(step: 10000);

        var scanned = Assert.Single(LogDirScanner.Scan(Path.Combine(dir.Path, "logs")));
        Assert.Equal("run1", scanned.Name);
        Assert.Equal([100L, 10000L], scanned.Checkpoints.Select(c => c.Step!.Value));
        using var newest = Assert.Single(DatasetReader.ReadAll(Path.Combine(dir.Path, "logs"), ReadOptions.Default));
        using var first = Assert.Single(DatasetReader.ReadAll(Path.Combine(dir.Path, "logs"), new ReadOptions { Step = 100 }));
        Assert.Equal(FixtureConfigTests.Sha256(late.Matrix), FixtureConfigTests.Sha256(newest.Matrix));
        Assert.Equal(FixtureConfigTests.Sha256(early.Matrix), FixtureConfigTests.Sha256(first.Matrix));
        Assert.Equal(early.Metadata["label"]!.Values, first.Metadata["label"]!.Values);
        // Metadata and sprite belong to the run, not to a step: the last write's are the ones on disk.
        Assert.Equal(late.Sprite!.GetImage().Pixels, first.Sprite!.GetImage().Pixels);
        Assert.Contains("model_checkpoint_path: \"embeddings.ckpt-10000\"", File.ReadAllText(Path.Combine(run, "checkpoint")), StringComparison.Ordinal);
    }

    [Fact]
    public void Tsv_mode_writes_a_tensor_path_run()
    {
        using var dir = new TempDir();
        using var d = Make(20, 3, seed: 3);
        new ProjectorLogWriter(dir.Path, TensorStorage.Tsv).Add(d).Write();
        Assert.Contains("tensor_path: \"words_tensors.tsv\"", File.ReadAllText(dir.File("projector_config.pbtxt")), StringComparison.Ordinal);
        using var back = Assert.Single(DatasetReader.ReadAll(dir.Path, ReadOptions.Default));
        Assert.Equal(d.Matrix.ToArray(), back.Matrix.ToArray());
    }

    [Fact]
    public void A_config_naming_a_missing_metadata_file_still_loads_with_a_warning()
    {
        using var dir = new TempDir();
        using var d = Make(10, 4, seed: 4);
        new ProjectorLogWriter(dir.Path).Add(d).Write(step: 1);
        File.Delete(dir.File("words_metadata.tsv"));
        using var back = Assert.Single(DatasetReader.ReadAll(dir.Path, ReadOptions.Default));
        Assert.Equal(10, back.Points);
        Assert.Contains(back.Warnings, w => w.Contains("words_metadata.tsv", StringComparison.Ordinal));
    }

    private static Dataset Make(int n, int d, int seed)
    {
        var rng = new Random(seed);
        var values = Enumerable.Range(0, n * d).Select(_ => (float)rng.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, n).Select(i => (string?)$"w{i}").ToArray();
        var image = new RgbaImage(4 * 8, 4 * 8);
        rng.NextBytes(image.Pixels);
        return new Dataset("words", EmbeddingMatrix.FromArray(values, n, d), new MetadataTable(n, [new MetadataColumn("label", labels)]), new SpriteSheet(image, 4, 4));
    }
}
