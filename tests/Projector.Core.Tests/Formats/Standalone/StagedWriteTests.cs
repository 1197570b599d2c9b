using Projector.Core.Data;
using Projector.Core.Formats;

namespace Projector.Core.Tests.Formats.Standalone;

public sealed class StagedWriteTests
{
    [Fact]
    public void A_config_whose_sprite_fails_part_way_leaves_nothing_behind()
    {
        using var dir = new TempDir();
        using var matrix = EmbeddingMatrix.FromArray([1f, 2f, 3f, 4f], 2, 2);
        var metadata = new MetadataTable(2, [new MetadataColumn("label", ["a", "b"])]);
        var sprite = new SpriteSheet(4, 2, 2, 2, dir.File("broken.png"), () => throw new DataFormatException(dir.File("broken.png"), "is truncated", "Save it again"));
        using var dataset = new Dataset("d", matrix, metadata, sprite);
        var config = dir.File("out/projector_config.json");
        Assert.Throws<DataFormatException>(() => DatasetWriter.Write(config, [dataset]));
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.File("out")));
    }

    [Fact]
    public void A_killed_run_s_temporaries_are_removed_by_the_next_write_and_live_ones_are_kept()
    {
        using var dir = new TempDir();
        var dead = dir.Write($".out.npy.{int.MaxValue - 7}.{Guid.NewGuid():N}.tmp", "half");
        var deadStage = Directory.CreateDirectory(dir.File($".projector_config.json.stage-{int.MaxValue - 7}-{Guid.NewGuid():N}.tmp")).FullName;
        File.WriteAllText(Path.Combine(deadStage, "v.bytes"), "half");
        var live = dir.Write($".out.npy.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp", "mine");
        var other = dir.Write(".out.npy.notes.tmp", "not ours");

        using var matrix = EmbeddingMatrix.FromArray([1f, 2f], 1, 2);
        using var dataset = new Dataset("d", matrix);
        DatasetWriter.Write(dir.File("out.npy"), [dataset]);
        DatasetWriter.Write(dir.File("projector_config.json"), [dataset]);

        Assert.False(File.Exists(dead));
        Assert.False(Directory.Exists(deadStage));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(other));
        Assert.True(File.Exists(dir.File("projector_config.json")));
        Assert.DoesNotContain(Directory.EnumerateDirectories(dir.Path), d => Path.GetFileName(d).Contains(".stage-", StringComparison.Ordinal));
    }
}
